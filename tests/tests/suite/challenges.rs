//! Challenge statements: who may post them and for which organization, every field
//! checked at once, editing and removing, a team choosing the challenge it answers, and
//! the deadline by the server clock. Black-box on both databases.
use app::authz::Role;
use app::competitions::{CompetitionKind, Stage};
use app::entities::{affiliation, challenge, competition, competition_stage, team};
use app::error::AppError;
use sayembara_tests::demo::{competition as demo, organization_id, team_named, user_id, SLUG};
use sayembara_tests::{both_databases, refusal, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const PAGE: &str = "/kompetisi/kipp-daerah-2027/tantangan";
/// The challenges the demo seeds.
const SEEDED: u64 = 2;
const FLOOD: &str = "Peta banjir rob untuk kelurahan";
const NOT_YOURS: &str =
    "Anda hanya dapat mengajukan tantangan atas nama organisasi tempat Anda terdaftar";

// Set-up, shared by the tests below.

/// Posts the challenge form (a new challenge, or the one named by a `challenge` field).
async fn post(by: &TestApp, fields: &[(&str, &str)]) -> (String, String) {
    let mut all = vec![("slug", SLUG)];
    all.extend_from_slice(fields);
    let response = by.submit(PAGE, "/api/save_challenge", &all).await;
    by.follow(&response).await
}

/// Records `email` as an approved member of the organization, as its admin would.
async fn belongs(app: &TestApp, email: &str, organization_name: &str) {
    affiliation::ActiveModel {
        user_id: Set(user_id(app, email).await),
        organization_id: Set(organization_id(app, organization_name).await),
        created_at: Set(chrono::Utc::now()),
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

async fn challenges(app: &TestApp) -> u64 {
    challenge::Entity::find().count(&app.db).await.unwrap()
}

/// A partner of the demo competition, not (yet) a member of any organization.
async fn partner(app: &TestApp) -> TestApp {
    app.person_with_role("Mitra Kampus", "mitra@untan.ac.id", SLUG, Role::Partner)
        .await
}

/// A partner of the competition who belongs to Universitas Tanjungpura.
async fn untan_partner(app: &TestApp) -> TestApp {
    let partner = partner(app).await;
    belongs(app, "mitra@untan.ac.id", "Universitas Tanjungpura").await;
    partner
}

/// Another partner of the competition, from another university.
async fn other_partner(app: &TestApp) -> TestApp {
    app.person_with_role("Mitra Lain", "lain@uksw.ac.id", SLUG, Role::Partner)
        .await
}

async fn organizer(app: &TestApp) -> TestApp {
    app.person_with_role(
        "Penyelenggara",
        "panitia@salatiga.go.id",
        SLUG,
        Role::Organizer,
    )
    .await
}

/// `partner` posts a challenge for Universitas Tanjungpura; the stored row.
async fn posted(app: &TestApp, partner: &TestApp, title: &str) -> challenge::Model {
    let (location, _) = post(
        partner,
        &[
            ("organization", "Universitas Tanjungpura"),
            ("title", title),
            ("problem", "Warga pesisir tidak tahu kapan rob datang."),
            ("data_offered", "Data pasang surut 10 tahun."),
            ("contact", "Lab Hidrologi, hidro@untan.ac.id"),
        ],
    )
    .await;
    sayembara_tests::assert_no_error(&location);
    challenge_titled(app, title).await
}

/// Rina registers "Tim Rob" and leads it.
async fn lead_and_team(app: &TestApp) -> (TestApp, team::Model) {
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Rob", "Pemerintah Kota Salatiga", "")
        .await;
    (lead, team_named(app, "Tim Rob").await)
}

/// The lead chooses the challenge with this id for the team; the page it leads to.
async fn choose(lead: &TestApp, team: &team::Model, challenge: &str) -> (String, String) {
    let response = lead
        .submit(
            &format!("/tim/{}", team.id),
            "/api/choose_team_challenge",
            &[("team", &team.id.to_string()), ("challenge", challenge)],
        )
        .await;
    lead.follow(&response).await
}

async fn remove(by: &TestApp, challenge: i32) -> reqwest::Response {
    by.submit(
        PAGE,
        "/api/remove_challenge",
        &[("slug", SLUG), ("challenge", &challenge.to_string())],
    )
    .await
}

/// Moves the demo's submission stage to run from `starts` to `ends`.
async fn submission_stage(app: &TestApp, starts: chrono::Duration, ends: chrono::Duration) {
    let now = chrono::Utc::now();
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::StartsAt,
            Expr::value(now + starts),
        )
        .col_expr(competition_stage::Column::EndsAt, Expr::value(now + ends))
        .filter(competition_stage::Column::CompetitionId.eq(demo(app).await.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
}

// The tests.

async fn everyone_reads_the_challenges_and_strangers_see_no_form(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
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
}
both_databases!(everyone_reads_the_challenges_and_strangers_see_no_form);

async fn a_person_without_a_role_cannot_post_a_challenge(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let outsider = app.person("Orang Luar", "luar@salatiga.go.id").await;
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
    refusal(&outsider.location(&response));
}
both_databases!(a_person_without_a_role_cannot_post_a_challenge);

async fn a_partner_is_shown_every_problem_at_once_with_the_typing_kept(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = partner(&app).await;
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
        NOT_YOURS,
        "Judul tantangan 5 sampai 160 karakter.",
        "Uraian masalah paling banyak 400 kata.",
        "Tulis kontak yang dapat dihubungi tim.",
    ] {
        assert!(page.contains(message), "missing {message:?}");
    }
    assert!(page.contains("Hadiah yang ditulis"), "typing is kept");
    assert_eq!(challenges(&app).await, SEEDED, "nothing stored");
}
both_databases!(a_partner_is_shown_every_problem_at_once_with_the_typing_kept);

async fn a_partner_who_only_asked_to_join_cannot_post_in_the_organizations_name(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = partner(&app).await;
    // Asking to join is not belonging: until the university approves, no posting in its name.
    let untan = organization_id(&app, "Universitas Tanjungpura").await;
    partner.expect_done(&partner.join_organization(untan).await);
    let (_, page) = post(
        &partner,
        &[
            ("organization", "Universitas Tanjungpura"),
            ("title", FLOOD),
            ("problem", "Warga pesisir tidak tahu kapan rob datang."),
            ("contact", "Lab Hidrologi"),
        ],
    )
    .await;
    assert!(page.contains(NOT_YOURS));
    assert_eq!(challenges(&app).await, SEEDED);
}
both_databases!(a_partner_who_only_asked_to_join_cannot_post_in_the_organizations_name);

async fn a_partner_posts_a_challenge_for_their_organization(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
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
    let posted = challenge_titled(&app, FLOOD).await;
    assert_eq!(
        posted.problem,
        "Warga pesisir tidak tahu kapan rob datang.\n\nKami butuh peringatan dini."
    );
    assert!(page.contains("Kami butuh peringatan dini."));
    assert!(page.contains("Universitas Tanjungpura"));
}
both_databases!(a_partner_posts_a_challenge_for_their_organization);

async fn only_its_poster_and_organizers_edit_a_challenge(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
    let id = posted(&app, &partner, FLOOD).await.id.to_string();

    // Another partner may not change it.
    let other = other_partner(&app).await;
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
    refusal(&other.location(&response));

    // Its poster opens it filled in; an organizer changes it.
    let (status, page) = partner.page(&format!("{PAGE}?ubah={id}")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Data pasang surut 10 tahun."),
        "the edit form is filled in"
    );
    let organizer = organizer(&app).await;
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
    let edited = challenge_titled(&app, "Peta banjir rob untuk kelurahan pesisir").await;
    assert!(edited.posted_by.is_some());
}
both_databases!(only_its_poster_and_organizers_edit_a_challenge);

async fn a_lead_chooses_the_challenge_the_team_answers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
    let posted = posted(&app, &partner, FLOOD).await;
    let (lead, team) = lead_and_team(&app).await;
    let (_, page) = lead.page(&format!("/tim/{}", team.id)).await;
    assert!(page.contains("Tim ini belum memilih tantangan."));
    let (_, page) = choose(&lead, &team, "999999").await;
    assert!(page.contains("Pilih salah satu tantangan kompetisi ini."));
    let (_, page) = choose(&lead, &team, &posted.id.to_string()).await;
    assert!(page.contains(&format!("Tim ini menjawab tantangan: {FLOOD}")));
    assert_eq!(
        team_named(&app, "Tim Rob").await.challenge_id,
        Some(posted.id)
    );
    // The list counts the team.
    let (_, page) = app.new_browser().page(PAGE).await;
    assert!(page.contains("1 tim"));
}
both_databases!(a_lead_chooses_the_challenge_the_team_answers);

async fn a_challenge_a_team_chose_cannot_be_removed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
    let posted = posted(&app, &partner, FLOOD).await;
    let (lead, team) = lead_and_team(&app).await;
    choose(&lead, &team, &posted.id.to_string()).await;
    assert_eq!(
        team_named(&app, "Tim Rob").await.challenge_id,
        Some(posted.id)
    );

    let response = remove(&partner, posted.id).await;
    let (_, page) = partner.follow(&response).await;
    assert!(page.contains("Tantangan yang sudah dipilih tim tidak dapat dihapus."));
    assert!(challenge::Entity::find_by_id(posted.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
}
both_databases!(a_challenge_a_team_chose_cannot_be_removed);

async fn only_its_poster_removes_a_challenge_no_team_chose(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
    let withdrawn = posted(&app, &partner, "Tantangan yang ditarik").await;
    let other = other_partner(&app).await;
    let response = remove(&other, withdrawn.id).await;
    assert_eq!(
        refusal(&other.location(&response)),
        AppError::Forbidden,
        "not their challenge"
    );
    let response = remove(&partner, withdrawn.id).await;
    let (_, page) = partner.follow(&response).await;
    assert!(page.contains("Tantangan dihapus."));
    assert!(challenge::Entity::find_by_id(withdrawn.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
}
both_databases!(only_its_poster_removes_a_challenge_no_team_chose);

async fn a_hackathon_team_is_told_to_choose_a_challenge_before_submitting(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    // The demo turned into a hackathon, its submission stage running.
    competition::Entity::update_many()
        .col_expr(
            competition::Column::Kind,
            Expr::value(CompetitionKind::Hackathon),
        )
        .filter(competition::Column::Id.eq(demo(&app).await.id))
        .exec(&app.db)
        .await
        .unwrap();
    submission_stage(&app, chrono::Duration::days(-1), chrono::Duration::days(5)).await;
    let (lead, team) = lead_and_team(&app).await;
    assert_eq!(team.challenge_id, None);
    let (_, page) = lead.submit_proposal(team.id).await;
    assert!(page.contains("Pilih tantangan yang dijawab tim di halaman tim sebelum mengirim."));
}
both_databases!(a_hackathon_team_is_told_to_choose_a_challenge_before_submitting);

async fn after_the_submission_deadline_challenges_and_choices_stay_as_they_are(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let partner = untan_partner(&app).await;
    let id = posted(&app, &partner, FLOOD).await.id.to_string();
    let organizer = organizer(&app).await;
    let (lead, team) = lead_and_team(&app).await;
    // The submission stage ended a minute ago (server clock).
    submission_stage(
        &app,
        chrono::Duration::days(-1),
        chrono::Duration::minutes(-1),
    )
    .await;

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
    let (_, page) = choose(&lead, &team, &id).await;
    assert!(page.contains("batas pengiriman proposal sudah lewat"));
    assert_eq!(team_named(&app, "Tim Rob").await.challenge_id, None);
}
both_databases!(after_the_submission_deadline_challenges_and_choices_stay_as_they_are);
