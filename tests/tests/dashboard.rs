//! The organizer's dashboard: counts by status, category and region, filters, eligibility
//! flags worked out from the rules, and the CSV. Black-box on both databases.
use app::authz::Role;
use app::entities::{competition, proposal, team};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SLUG: &str = "kipp-daerah-2027";

async fn organizers_see_counts_flags_and_export_the_list(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.new_browser();
    organizer
        .signed_in("Panitia", "panitia@sayembara.go.id")
        .await;
    app.give_role("panitia@sayembara.go.id", SLUG, Role::Organizer)
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
    proposal::Entity::insert(proposal::ActiveModel {
        team_id: sea_orm::Set(demo.id),
        competition_id: sea_orm::Set(demo.competition_id),
        status: sea_orm::Set("submitted".into()),
        sdgs: sea_orm::Set("3".into()),
        started_on: sea_orm::Set(Some(
            (now - chrono::Duration::days(60))
                .format("%Y-%m-%d")
                .to_string(),
        )),
        meta_version: sea_orm::Set(1),
        created_at: sea_orm::Set(now),
        updated_at: sea_orm::Set(now),
        submitted_at: sea_orm::Set(Some(now)),
        withdrawn_at: sea_orm::Set(None),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
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

    // Others may not see it.
    let participant = app.new_browser();
    participant
        .signed_in("Peserta", "peserta@salatiga.go.id")
        .await;
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
