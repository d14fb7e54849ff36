//! The organizer's dashboard: counts by status, category and region, filters, eligibility
//! flags worked out from the rules, and the CSV. Black-box on both databases.
use app::authz::Role;
use app::entities::{competition, proposal, team};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "kipp-daerah-2027";

async fn organizers_see_counts_flags_and_export_the_list(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role("Panitia", "panitia@sayembara.go.id", SLUG, Role::Organizer)
        .await;

    // One of the demo's teams has submitted: its innovation started two months before,
    // and the rules ask for twelve months.
    let demo = team::Entity::find()
        .filter(team::Column::Name.eq("Tim Marelan Tanggap"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    sayembara_tests::demo::submitted_proposal(
        &app,
        &demo,
        &(now - chrono::Duration::days(60))
            .format("%Y-%m-%d")
            .to_string(),
    )
    .await;
    competition::Entity::update_many()
        .col_expr(competition::Column::MinMonthsRunning, Expr::value(12))
        .filter(competition::Column::Slug.eq(SLUG))
        .exec(&app.db)
        .await
        .unwrap();

    let (status, page) = organizer.page("/kelola/kipp-daerah-2027/peserta").await;
    assert_eq!(status, 200);
    assert!(page.contains("Peserta Kompetisi Inovasi Pelayanan Publik Daerah 2027"));
    assert!(page.contains("3 tim ditampilkan"));
    assert!(page.contains("Inovasi belum berjalan selama yang disyaratkan"));
    assert!(page.contains("Sumatera Utara"));

    // Filters: submitted only; flagged only; a search that matches nothing.
    let (_, page) = organizer
        .page("/kelola/kipp-daerah-2027/peserta?status=submitted")
        .await;
    assert!(page.contains("1 tim ditampilkan"));
    assert!(page.contains("Tim Marelan Tanggap"));
    assert!(!page.contains("Tim Adminduk Sekali Klik"));
    let (_, page) = organizer
        .page("/kelola/kipp-daerah-2027/peserta?tandai=1")
        .await;
    assert!(page.contains("1 tim ditampilkan"));
    let (_, page) = organizer
        .page("/kelola/kipp-daerah-2027/peserta?cari=posyandu")
        .await;
    assert!(page.contains("Tim Posyandu Digital Khatulistiwa"));
    assert!(page.contains("1 tim ditampilkan"));

    // The team answers a challenge: the list and the CSV say which.
    let challenge = app::entities::challenge::Entity::find()
        .filter(app::entities::challenge::Column::Title.starts_with("Akta kelahiran"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    app::entities::team::Entity::update_many()
        .col_expr(
            app::entities::team::Column::ChallengeId,
            sea_orm::sea_query::Expr::value(challenge.id),
        )
        .filter(app::entities::team::Column::Name.eq("Tim Marelan Tanggap"))
        .exec(&app.db)
        .await
        .unwrap();

    // The CSV carries the same filtered list.
    let response = organizer
        .get("/kelola/kipp-daerah-2027/peserta.csv?status=submitted")
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2, "{body}");
    assert!(lines[0].contains("Nama tim"));
    assert!(lines[1]
        .starts_with("Tim Marelan Tanggap,Kecamatan Medan Marelan,\"Kota Medan, Sumatera Utara\""));
    assert!(lines[1].contains("Terkirim"));
    assert!(lines[0].contains("Tantangan"));
    assert!(lines[1].contains(&challenge.title));
    // Times are Western Indonesia Time, written the way a spreadsheet sorts them.
    let submitted = lines[1]
        .split(',')
        .find(|f| f.ends_with(" WIB"))
        .expect("the submission time in WIB");
    assert!(
        chrono::NaiveDateTime::parse_from_str(submitted, "%Y-%m-%d %H:%M WIB").is_ok(),
        "{submitted}"
    );

    // For a spreadsheet set to Indonesian: the same list, columns parted by `;`.
    let (_, dashboard) = organizer
        .page("/kelola/kipp-daerah-2027/peserta?status=submitted")
        .await;
    assert!(dashboard.contains("peserta.csv?status=submitted&amp;pemisah=titik-koma"));
    let body = organizer
        .get("/kelola/kipp-daerah-2027/peserta.csv?status=submitted&pemisah=titik-koma")
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = body.trim_end().split("\r\n").collect();
    assert!(
        lines[1].starts_with(
            "Tim Marelan Tanggap;Kecamatan Medan Marelan;\"Kota Medan, Sumatera Utara\";"
        ),
        "{body}"
    );

    // Others may not see it.
    let participant = app.person("Peserta", "peserta@salatiga.go.id").await;
    let (status, _) = participant.page("/kelola/kipp-daerah-2027/peserta").await;
    assert_eq!(status, 403);
    assert_eq!(
        participant
            .get("/kelola/kipp-daerah-2027/peserta.csv")
            .await
            .status(),
        403
    );
    assert_eq!(
        app.new_browser()
            .get("/kelola/kipp-daerah-2027/peserta.csv")
            .await
            .status(),
        401
    );
}
both_databases!(dashboard, organizers_see_counts_flags_and_export_the_list);

async fn organizers_decide_eligibility_on_the_record(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.admin_browser("panitia@sayembara.go.id").await;
    let demo = team::Entity::find()
        .filter(team::Column::Name.eq("Tim Marelan Tanggap"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // The team has a lead, and has submitted (its innovation has run two years).
    let lead = app
        .person("Ketua Marelan", "ketua@medanmarelan.go.id")
        .await;
    let lead_id = sayembara_tests::demo::user_id(&app, "ketua@medanmarelan.go.id").await;
    let now = chrono::Utc::now();
    team::Entity::update_many()
        .col_expr(team::Column::LeadUserId, Expr::value(lead_id))
        .filter(team::Column::Id.eq(demo.id))
        .exec(&app.db)
        .await
        .unwrap();
    app::entities::team_member::Entity::insert(app::entities::team_member::ActiveModel {
        team_id: sea_orm::Set(demo.id),
        competition_id: sea_orm::Set(demo.competition_id),
        user_id: sea_orm::Set(lead_id),
        joined_at: sea_orm::Set(now),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    sayembara_tests::demo::submitted_proposal(&app, &demo, "2023-01-10").await;

    // The rules allow no earlier win; the agency won once in an earlier competition (and
    // once after this submission, which does not count).
    competition::Entity::update_many()
        .col_expr(competition::Column::MaxEarlierWins, Expr::value(Some(0)))
        .filter(competition::Column::Slug.eq(SLUG))
        .exec(&app.db)
        .await
        .unwrap();
    organizer
        .submit(
            "/kelola",
            "/api/create_competition",
            &[
                ("new_title_id", "KIPP 2025"),
                ("new_title_en", "KIPP 2025"),
                ("new_slug", "kipp-2025"),
                ("new_kind", "innovation"),
            ],
        )
        .await;
    let earlier = competition::Entity::find()
        .filter(competition::Column::Slug.eq("kipp-2025"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for (title, at) in [
        ("Top 45", now - chrono::Duration::days(300)),
        ("Juara 1", now + chrono::Duration::days(1)),
    ] {
        app::entities::award::Entity::insert(app::entities::award::ActiveModel {
            competition_id: sea_orm::Set(earlier.id),
            team_id: sea_orm::Set(demo.id),
            organization_id: sea_orm::Set(demo.organization_id),
            title: sea_orm::Set(title.into()),
            awarded_at: sea_orm::Set(at),
            ..Default::default()
        })
        .exec(&app.db)
        .await
        .unwrap();
    }
    let (_, page) = organizer
        .page("/kelola/kipp-daerah-2027/peserta?tandai=1")
        .await;
    assert!(page.contains("1 tim ditampilkan"));
    assert!(page.contains("Instansi sudah menang lebih sering daripada yang dibolehkan"));
    assert!(
        !page.contains("Inovasi belum berjalan"),
        "two years is enough"
    );
    let eligibility = format!("/kelola/kipp-daerah-2027/peserta/{}", demo.id);
    let (status, page) = organizer.page(&eligibility).await;
    assert_eq!(status, 200);
    assert!(page.contains("Kemenangan instansi ini sebelumnya di Sayembara: 1 (paling banyak: 0)."));
    assert!(page.contains("Belum ada keputusan."));

    // Not eligible needs a reason; every decision is kept and the newest stands.
    let team_id = demo.id.to_string();
    let decide = |decision: &'static str, reason: &'static str| {
        let organizer = &organizer;
        let eligibility = eligibility.clone();
        let team_id = team_id.clone();
        async move {
            let response = organizer
                .submit(
                    &eligibility,
                    "/api/decide_eligibility",
                    &[
                        ("slug", SLUG),
                        ("team", &team_id),
                        ("decision", decision),
                        ("reason", reason),
                    ],
                )
                .await;
            organizer.follow(&response).await
        }
    };
    let (_, page) = decide("", "").await;
    assert!(page.contains("Pilih keputusan."));
    let (_, page) = decide("ineligible", "  ").await;
    assert!(page.contains("Tuliskan alasan bila proposal tidak memenuhi syarat."));
    assert_eq!(
        app::entities::eligibility_decision::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let (_, page) = decide("ineligible", "Menang Top 45 KIPP 2025.").await;
    assert!(page.contains("Keputusan disimpan."));
    assert!(page.contains("Menang Top 45 KIPP 2025."));
    let (_, page) = organizer.page("/kelola/kipp-daerah-2027/peserta").await;
    assert!(page.contains("Tidak memenuhi syarat"));
    let (_, page) = lead.page(&format!("/tim/{}/proposal", demo.id)).await;
    assert!(page.contains("Seleksi administrasi: Tidak memenuhi syarat."));
    assert!(page.contains("Menang Top 45 KIPP 2025."));

    let (_, page) = decide(
        "eligible",
        "Top 45 adalah kategori lain; keberatan dicabut.",
    )
    .await;
    assert!(page.contains("Keputusan disimpan."));
    assert_eq!(
        app::entities::eligibility_decision::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2,
        "the earlier decision stays on the record"
    );
    let (_, page) = lead.page(&format!("/tim/{}/proposal", demo.id)).await;
    assert!(page.contains("Seleksi administrasi: Memenuhi syarat."));
    let body = organizer
        .get("/kelola/kipp-daerah-2027/peserta.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(body.contains("Keputusan kelayakan") && body.contains("keberatan dicabut"));

    // Nobody else decides or reads it; drafts are not decided.
    let (status, _) = lead.page(&eligibility).await;
    assert_eq!(status, 403);
    let response = lead
        .submit(
            &eligibility,
            "/api/decide_eligibility",
            &[("slug", SLUG), ("team", &team_id), ("decision", "eligible")],
        )
        .await;
    sayembara_tests::refusal(&lead.location(&response));
    assert_eq!(
        app::entities::eligibility_decision::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
    );
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::Status,
            Expr::value(app::proposals::ProposalStatus::Withdrawn),
        )
        .filter(proposal::Column::TeamId.eq(demo.id))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = decide("eligible", "").await;
    assert!(page.contains("Keputusan kelayakan dibuat untuk proposal yang sudah dikirim."));
}
both_databases!(
    eligibility_decisions,
    organizers_decide_eligibility_on_the_record
);
