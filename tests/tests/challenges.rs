//! Challenge statements: who may post them and for which organization, every field
//! checked at once, editing and removing, a team choosing the challenge it answers, and
//! the deadline by the server clock. Black-box on both databases.
use app::authz::Role;
use app::competitions::{CompetitionKind, Stage};
use app::entities::{affiliation, challenge, competition, competition_stage, organization, team};
use sayembara_tests::demo::{competition as demo, person, register_team, team_named, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const PAGE: &str = "/kompetisi/kipp-daerah-2027/tantangan";

async fn post(by: &TestApp, fields: &[(&str, &str)]) -> (String, String) {
    let mut all = vec![("slug", SLUG)];
    all.extend_from_slice(fields);
    let response = by.submit(PAGE, "/api/save_challenge", &all).await;
    by.follow(&response).await
}

async fn belongs(app: &TestApp, email: &str, organization_name: &str) {
    let user = app::entities::user_account::Entity::find()
        .filter(app::entities::user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let org = organization::Entity::find()
        .filter(organization::Column::Name.eq(organization_name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    affiliation::ActiveModel {
        user_id: Set(user.id),
        organization_id: Set(org.id),
        created_at: Set(chrono::Utc::now()),
        // As the organization's admin approved it.
        status: Set(app::organizations::AffiliationStatus::Approved),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

async fn challenge_titled(app: &TestApp, title: &str) -> challenge::Model {
    challenge::Entity::find()
        .filter(challenge::Column::Title.eq(title))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the challenge is stored")
}

async fn partners_post_for_their_organization_and_teams_choose(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;

    // Everyone reads the seeded challenges; nobody without a role sees the form.
    let (status, page) = app.new_browser().page(PAGE).await;
    assert_eq!(status, 200);
    assert!(page.contains("Antrean pasien puskesmas yang bisa diperkirakan"));
    assert!(page.contains("yankes@dinkes.pontianak.go.id"));
    assert!(!page.contains("/api/save_challenge"));
    let (_, page) = app.new_browser().page("/kompetisi/kipp-daerah-2027").await;
    assert!(
        page.contains(PAGE),
        "the competition page links the challenges"
    );

    // A signed-in person without a role is refused by the server.
    let outsider = person(&app, "Orang Luar", "luar@salatiga.go.id").await;
    let response = outsider
        .submit(
            PAGE,
            "/api/save_challenge",
            &[
                ("slug", SLUG),
                ("organization", "Pemerintah Kota Salatiga"),
                ("title", "Tantangan tanpa izin"),
                ("problem", "Apa saja."),
                ("contact", "luar@salatiga.go.id"),
            ],
        )
        .await;
    sayembara_tests::refusal(&outsider.location(&response));

    // A partner of the competition: every problem at once, typing kept, and only for an
    // organization they belong to.
    let partner = person(&app, "Mitra Kampus", "mitra@untan.ac.id").await;
    app.give_role("mitra@untan.ac.id", SLUG, Role::Partner)
        .await;
    let (_, page) = partner.page(PAGE).await;
    assert!(
        page.contains("/api/save_challenge"),
        "partners see the form"
    );
    let long = "kata ".repeat(401);
    let (_, page) = post(
        &partner,
        &[
            ("organization", "Universitas Tanjungpura"),
            ("title", "Abc"),
            ("problem", &long),
            ("contact", ""),
            ("prize", "Hadiah yang ditulis"),
        ],
    )
    .await;
    for message in [
        "Anda hanya dapat mengajukan tantangan atas nama organisasi tempat Anda terdaftar",
        "Judul tantangan 5 sampai 160 karakter.",
        "Uraian masalah paling banyak 400 kata.",
        "Tulis kontak yang dapat dihubungi tim.",
    ] {
        assert!(page.contains(message), "missing {message:?}");
    }
    assert!(page.contains("Hadiah yang ditulis"), "typing is kept");
    assert_eq!(
        challenge::Entity::find().count(&app.db).await.unwrap(),
        2,
        "nothing stored"
    );

    // Asking to join is not belonging: until the university approves, no posting in its name.
    let untan = organization::Entity::find()
        .filter(organization::Column::Name.eq("Universitas Tanjungpura"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    partner
        .done(
            "/profil",
            "/api/join_organization",
            &[("organization", &untan)],
        )
        .await;
    let (_, page) = post(
        &partner,
        &[
            ("organization", "Universitas Tanjungpura"),
            ("title", "Peta banjir rob untuk kelurahan"),
            ("problem", "Warga pesisir tidak tahu kapan rob datang."),
            ("contact", "Lab Hidrologi"),
        ],
    )
    .await;
    assert!(page.contains(
        "Anda hanya dapat mengajukan tantangan atas nama organisasi tempat Anda terdaftar"
    ));
    assert_eq!(challenge::Entity::find().count(&app.db).await.unwrap(), 2);

    affiliation::Entity::delete_many()
        .exec(&app.db)
        .await
        .unwrap();
    belongs(&app, "mitra@untan.ac.id", "Universitas Tanjungpura").await;
    let (location, page) = post(
        &partner,
        &[
            ("organization", "universitas   tanjungpura"),
            ("title", "Peta  banjir rob untuk kelurahan"),
            (
                "problem",
                "Warga pesisir tidak tahu kapan rob datang.\r\n\r\nKami butuh peringatan dini.",
            ),
            ("data_offered", "Data pasang surut 10 tahun."),
            ("contact", "Lab Hidrologi, hidro@untan.ac.id"),
            ("prize", ""),
        ],
    )
    .await;
    assert!(location.starts_with("/kompetisi/kipp-daerah-2027/tantangan?tersimpan=disimpan"));
    assert!(page.contains("Tantangan disimpan."));
    let posted = challenge_titled(&app, "Peta banjir rob untuk kelurahan").await;
    assert_eq!(
        posted.problem,
        "Warga pesisir tidak tahu kapan rob datang.\n\nKami butuh peringatan dini."
    );
    assert!(page.contains("Kami butuh peringatan dini."));
    assert!(page.contains("Universitas Tanjungpura"));

    // Another partner may not change it; an organizer may.
    let other = person(&app, "Mitra Lain", "lain@uksw.ac.id").await;
    app.give_role("lain@uksw.ac.id", SLUG, Role::Partner).await;
    let id = posted.id.to_string();
    let response = other
        .submit(
            PAGE,
            "/api/save_challenge",
            &[
                ("slug", SLUG),
                ("challenge", &id),
                ("organization", "Universitas Tanjungpura"),
                ("title", "Diambil alih"),
                ("problem", "x"),
                ("contact", "lain@uksw.ac.id"),
            ],
        )
        .await;
    sayembara_tests::refusal(&other.location(&response));
    let (status, page) = partner.page(&format!("{PAGE}?ubah={id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Data pasang surut 10 tahun."),
        "the edit form is filled in"
    );
    let organizer = person(&app, "Penyelenggara", "panitia@salatiga.go.id").await;
    app.give_role("panitia@salatiga.go.id", SLUG, Role::Organizer)
        .await;
    let (_, page) = post(
        &organizer,
        &[
            ("challenge", &id),
            ("organization", "Universitas Tanjungpura"),
            ("title", "Peta banjir rob untuk kelurahan pesisir"),
            ("problem", "Warga pesisir tidak tahu kapan rob datang."),
            ("contact", "Lab Hidrologi, hidro@untan.ac.id"),
            ("prize", "Rp 10.000.000"),
        ],
    )
    .await;
    assert!(page.contains("Rp 10.000.000"));
    let posted = challenge_titled(&app, "Peta banjir rob untuk kelurahan pesisir").await;
    assert!(posted.posted_by.is_some());

    // A team's lead chooses the challenge; the list counts the team.
    let lead = person(&app, "Rina Ketua", "rina@salatiga.go.id").await;
    register_team(&app, &lead, "Tim Rob", "Pemerintah Kota Salatiga", "").await;
    let team_row = team_named(&app, "Tim Rob").await;
    let team_page = format!("/tim/{}", team_row.id);
    let (_, page) = lead.page(&team_page).await;
    assert!(page.contains("Tim ini belum memilih tantangan."));
    let response = lead
        .submit(
            &team_page,
            "/api/choose_team_challenge",
            &[("team", &team_row.id.to_string()), ("challenge", "999999")],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Pilih salah satu tantangan kompetisi ini."));
    let response = lead
        .submit(
            &team_page,
            "/api/choose_team_challenge",
            &[("team", &team_row.id.to_string()), ("challenge", &id)],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Tim ini menjawab tantangan: Peta banjir rob untuk kelurahan pesisir"));
    assert_eq!(
        team_named(&app, "Tim Rob").await.challenge_id,
        Some(posted.id)
    );
    let (_, page) = app.new_browser().page(PAGE).await;
    assert!(page.contains("1 tim"));

    // A chosen challenge cannot be removed; an unchosen one can, by its poster.
    let response = partner
        .submit(
            PAGE,
            "/api/remove_challenge",
            &[("slug", SLUG), ("challenge", &id)],
        )
        .await;
    let (_, page) = partner.follow(&response).await;
    assert!(page.contains("Tantangan yang sudah dipilih tim tidak dapat dihapus."));
    assert!(challenge::Entity::find_by_id(posted.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
    let (_, _) = post(
        &partner,
        &[
            ("organization", "Universitas Tanjungpura"),
            ("title", "Tantangan yang ditarik"),
            ("problem", "Sementara."),
            ("contact", "hidro@untan.ac.id"),
        ],
    )
    .await;
    let withdrawn = challenge_titled(&app, "Tantangan yang ditarik").await;
    let response = other
        .submit(
            PAGE,
            "/api/remove_challenge",
            &[("slug", SLUG), ("challenge", &withdrawn.id.to_string())],
        )
        .await;
    assert_eq!(
        sayembara_tests::refusal(&other.location(&response)),
        app::error::AppError::Forbidden,
        "not their challenge"
    );
    let response = partner
        .submit(
            PAGE,
            "/api/remove_challenge",
            &[("slug", SLUG), ("challenge", &withdrawn.id.to_string())],
        )
        .await;
    let (_, page) = partner.follow(&response).await;
    assert!(page.contains("Tantangan dihapus."));
    assert!(challenge::Entity::find_by_id(withdrawn.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());

    // A hackathon's team answers a challenge: submission says so when none is chosen.
    // (Checked through the submit rule with the demo turned into a hackathon.)
    let competition_row = demo(&app).await;
    competition::Entity::update_many()
        .col_expr(
            competition::Column::Kind,
            Expr::value(CompetitionKind::Hackathon),
        )
        .filter(competition::Column::Id.eq(competition_row.id))
        .exec(&app.db)
        .await
        .unwrap();
    team::Entity::update_many()
        .col_expr(team::Column::ChallengeId, Expr::value(Option::<i32>::None))
        .filter(team::Column::Id.eq(team_row.id))
        .exec(&app.db)
        .await
        .unwrap();
    let now = chrono::Utc::now();
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::StartsAt,
            Expr::value(now - chrono::Duration::days(1)),
        )
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(now + chrono::Duration::days(5)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition_row.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
    let proposal_page = format!("/tim/{}/proposal", team_row.id);
    let response = lead
        .submit(
            &proposal_page,
            "/api/submit_proposal",
            &[("team", &team_row.id.to_string())],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Pilih tantangan yang dijawab tim di halaman tim sebelum mengirim."));

    // After the submission deadline nothing changes any more.
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(now - chrono::Duration::minutes(1)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition_row.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = post(
        &organizer,
        &[
            ("organization", "Pemerintah Kota Salatiga"),
            ("title", "Terlambat sekali"),
            ("problem", "Terlambat."),
            ("contact", "panitia@salatiga.go.id"),
        ],
    )
    .await;
    assert!(page.contains("batas pengiriman proposal sudah lewat"));
    let response = lead
        .submit(
            &team_page,
            "/api/choose_team_challenge",
            &[("team", &team_row.id.to_string()), ("challenge", &id)],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("batas pengiriman proposal sudah lewat"));
    assert_eq!(team_named(&app, "Tim Rob").await.challenge_id, None);
}
both_databases!(
    challenges_post_edit_choose,
    partners_post_for_their_organization_and_teams_choose
);
