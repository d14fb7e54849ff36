//! Team forming: people list themselves as looking for a team, teams list the skills
//! they need, either side asks and the other answers; accepting makes a member under the
//! same rules as joining by code. Black-box on both databases.
use app::entities::{competition, join_request, team, team_member, team_seeker};
use app::teams::RequestStatus;
use sayembara_tests::demo::{competition as demo, team_named, user_id, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PAGE: &str = "/kompetisi/kipp-daerah-2027/cari-tim";
const RINA: &str = "rina@salatiga.go.id";
const SARI: &str = "sari@pontianak.go.id";
const ANSWERED: &str = "Permintaan ini sudah dijawab";
const ALREADY_ASKED: &str = "Sudah ada permintaan antara tim ini dan orang ini.";
const FULL: &str = "Tim sudah mencapai jumlah anggota paling banyak";
const CLOSED: &str = "Pendaftaran tim sudah ditutup atau belum dibuka";

// Set-up, shared by the tests below.

async fn send(by: &TestApp, action: &str, fields: &[(&str, &str)]) -> (String, String) {
    let response = by.submit(PAGE, action, fields).await;
    by.follow(&response).await
}

async fn is_member(app: &TestApp, team_id: i32, email: &str) -> bool {
    let id = user_id(app, email).await;
    team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(id))
        .count(&app.db)
        .await
        .unwrap()
        > 0
}

async fn request_between(app: &TestApp, team_id: i32, email: &str) -> join_request::Model {
    let id = user_id(app, email).await;
    join_request::Entity::find()
        .filter(join_request::Column::TeamId.eq(team_id))
        .filter(join_request::Column::UserId.eq(id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the request is stored")
}

/// A lead and the team they registered.
struct Team {
    lead: TestApp,
    row: team::Model,
    id: String,
}

async fn registered(app: &TestApp, lead: (&str, &str), name: &str, agency: &str) -> Team {
    let lead = app.person(lead.0, lead.1).await;
    lead.register_team(name, agency, "").await;
    let row = team_named(app, name).await;
    Team {
        lead,
        id: row.id.to_string(),
        row,
    }
}

/// Rina's "Tim Data Salatiga".
async fn rinas_team(app: &TestApp) -> Team {
    registered(
        app,
        ("Rina Ketua", RINA),
        "Tim Data Salatiga",
        "Pemerintah Kota Salatiga",
    )
    .await
}

/// The lead lists the skills the team needs; the page it leads to.
async fn want(team: &Team, skills: &str) -> (String, String) {
    send(
        &team.lead,
        "/api/save_team_wanted",
        &[
            ("slug", SLUG),
            ("team", &team.id),
            ("wanted_skills", skills),
        ],
    )
    .await
}

/// A new person who lists themselves as looking for a team, with these skills.
async fn seeker(app: &TestApp, name: &str, email: &str, skills: &str) -> TestApp {
    let person = app.person(name, email).await;
    send(
        &person,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", skills)],
    )
    .await;
    person
}

/// Sari, listed with her skills and her agency.
async fn sari(app: &TestApp) -> TestApp {
    let sari = app.person("Sari Analis", SARI).await;
    list_sari(&sari).await;
    sari
}

/// Sari lists herself, with her skills and her agency.
async fn list_sari(sari: &TestApp) {
    let (_, page) = send(
        sari,
        "/api/save_seeker_listing",
        &[
            ("slug", SLUG),
            ("skills", "statistik, Python"),
            ("about", "Saya analis kebijakan."),
            ("agency", "Dinas Kesehatan Kota Pontianak"),
            ("region", ""),
        ],
    )
    .await;
    assert!(page.contains("Anda tercantum di daftar orang yang mencari tim."));
}

/// `by` asks to join the team (with a message, or none); the page it leads to.
async fn ask(by: &TestApp, team: &Team, message: Option<&str>) -> (String, String) {
    let mut fields = vec![("slug", SLUG), ("team", team.id.as_str())];
    fields.extend(message.map(|m| ("message", m)));
    send(by, "/api/ask_to_join", &fields).await
}

/// Answers (`accept`, `decline`) a request to join; the page it leads to.
async fn answer(by: &TestApp, request: i32, answer: &str) -> (String, String) {
    send(
        by,
        "/api/answer_join_request",
        &[("request", &request.to_string()), ("answer", answer)],
    )
    .await
}

/// The lead invites the person with this address to the team; the page it leads to.
async fn invite(
    app: &TestApp,
    team: &Team,
    email: &str,
    message: Option<&str>,
) -> (String, String) {
    let person = user_id(app, email).await.to_string();
    let mut fields = vec![
        ("slug", SLUG),
        ("team", team.id.as_str()),
        ("person", person.as_str()),
    ];
    fields.extend(message.map(|m| ("message", m)));
    send(&team.lead, "/api/invite_seeker", &fields).await
}

/// Rina's team, and Sari, listed, who asked to join it with a message.
async fn sari_asked(app: &TestApp) -> (Team, TestApp, join_request::Model) {
    let team = rinas_team(app).await;
    let sari = sari(app).await;
    ask(&sari, &team, Some("Saya bisa mengolah data kunjungan.")).await;
    let request = request_between(app, team.row.id, SARI).await;
    (team, sari, request)
}

async fn update_demo(app: &TestApp, column: competition::Column, value: Expr) {
    competition::Entity::update_many()
        .col_expr(column, value)
        .filter(competition::Column::Id.eq(demo(app).await.id))
        .exec(&app.db)
        .await
        .unwrap();
}

// The tests.

async fn signed_out_visitors_are_asked_to_sign_in_and_brought_back(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (status, page) = app.new_browser().page(PAGE).await;
    assert_eq!(status, 401);
    assert!(page.contains("/masuk?lanjut=/kompetisi/kipp-daerah-2027/cari-tim"));
}
both_databases!(signed_out_visitors_are_asked_to_sign_in_and_brought_back);

async fn a_lead_lists_the_skills_the_team_needs(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    let (_, page) = want(&team, "ab").await;
    assert!(page.contains("Keahlian 3 sampai 300 karakter."));
    let (_, page) = want(&team, "analisis  data, desain layanan").await;
    assert!(page.contains("Daftar tim Anda diperbarui."));
    assert_eq!(
        team_named(&app, "Tim Data Salatiga")
            .await
            .wanted_skills
            .as_deref(),
        Some("analisis data, desain layanan")
    );
}
both_databases!(a_lead_lists_the_skills_the_team_needs);

async fn a_person_listing_themselves_sees_every_problem_at_once_with_the_typing_kept(
    backend: Backend,
) {
    let app = TestApp::spawn_with_demo(backend).await;
    let sari = app.person("Sari Analis", SARI).await;
    let (_, page) = send(
        &sari,
        "/api/save_seeker_listing",
        &[
            ("slug", SLUG),
            ("skills", ""),
            ("about", "Saya analis kebijakan."),
            ("agency", "Dinas Yang Tidak Ada"),
            ("region", "Kota Atlantis"),
        ],
    )
    .await;
    for message in [
        "Tuliskan keahlian.",
        "Kota Atlantis",
        "Saya analis kebijakan.",
    ] {
        assert!(page.contains(message), "missing {message:?}");
    }
    assert_eq!(team_seeker::Entity::find().count(&app.db).await.unwrap(), 0);
    // Put right, she is listed (`list_sari` checks the message).
    list_sari(&sari).await;
    assert_eq!(team_seeker::Entity::find().count(&app.db).await.unwrap(), 1);
}
both_databases!(a_person_listing_themselves_sees_every_problem_at_once_with_the_typing_kept);

async fn leads_and_seekers_find_each_other(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    want(&team, "analisis  data, desain layanan").await;
    let sari = sari(&app).await;
    // The lead finds her (search by skill, any case) and she finds the team.
    let (_, page) = team.lead.page(&format!("{PAGE}?q=PYTHON")).await;
    assert!(page.contains("Sari Analis") && page.contains("Kota Pontianak"));
    let (_, page) = team.lead.page(&format!("{PAGE}?q=rust")).await;
    assert!(!page.contains("Sari Analis"), "the search narrows the list");
    let (_, page) = sari.page(PAGE).await;
    assert!(page.contains("Tim Data Salatiga") && page.contains("analisis data, desain layanan"));
}
both_databases!(leads_and_seekers_find_each_other);

async fn a_seeker_asks_to_join_once_and_the_lead_is_mailed_the_message(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    let sari = sari(&app).await;
    let (_, page) = ask(&sari, &team, Some("Saya bisa mengolah data kunjungan.")).await;
    assert!(page.contains("Permintaan Anda dikirim ke ketua tim."));
    let mail = app.last_mail_to(RINA).await;
    assert!(mail.subject.contains("Sari Analis"));
    assert!(mail.body.contains("Saya bisa mengolah data kunjungan."));
    assert!(mail.body.contains("/kompetisi/kipp-daerah-2027/cari-tim"));
    let (_, page) = ask(&sari, &team, None).await;
    assert!(page.contains(ALREADY_ASKED));
}
both_databases!(a_seeker_asks_to_join_once_and_the_lead_is_mailed_the_message);

async fn only_the_lead_answers_a_request_to_join(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (team, _sari, request) = sari_asked(&app).await;
    let stranger = app.person("Orang Lain", "lain@salatiga.go.id").await;
    let response = stranger
        .submit(
            PAGE,
            "/api/answer_join_request",
            &[("request", &request.id.to_string()), ("answer", "accept")],
        )
        .await;
    sayembara_tests::refusal(&stranger.location(&response));
    assert!(!is_member(&app, team.row.id, SARI).await);
    let (_, page) = team.lead.page(PAGE).await;
    assert!(page.contains("Sari Analis ingin bergabung dengan tim Tim Data Salatiga."));
}
both_databases!(only_the_lead_answers_a_request_to_join);

async fn an_accepted_seeker_becomes_a_member_and_leaves_the_lists(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (team, _sari, request) = sari_asked(&app).await;
    let (_, page) = answer(&team.lead, request.id, "accept").await;
    assert!(page.contains("Diterima: anggota baru bergabung dengan tim."));
    assert!(is_member(&app, team.row.id, SARI).await);
    assert_eq!(
        request_between(&app, team.row.id, SARI).await.status,
        RequestStatus::Accepted
    );
    assert!(app.last_mail_to(SARI).await.body.contains("menerima"));
    assert!(
        !page.contains("Sari Analis ingin"),
        "answered requests leave the list"
    );
    let (_, page) = team.lead.page(PAGE).await;
    assert!(
        !page.contains("<h3>Sari Analis</h3>"),
        "members are off the list"
    );
}
both_databases!(an_accepted_seeker_becomes_a_member_and_leaves_the_lists);

async fn a_request_is_answered_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (team, _sari, request) = sari_asked(&app).await;
    answer(&team.lead, request.id, "accept").await;
    let (_, page) = answer(&team.lead, request.id, "decline").await;
    assert!(page.contains(ANSWERED));
    assert_eq!(
        request_between(&app, team.row.id, SARI).await.status,
        RequestStatus::Accepted,
        "answered once"
    );
}
both_databases!(a_request_is_answered_once);

async fn a_lead_invites_a_listed_person_who_may_decline(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    let dodi = seeker(
        &app,
        "Dodi Desainer",
        "dodi@medan.go.id",
        "desain antarmuka",
    )
    .await;
    let (_, page) = invite(&app, &team, "dodi@medan.go.id", Some("Ayo gabung!")).await;
    assert!(page.contains("Ajakan dikirim."));
    let mail = app.last_mail_to("dodi@medan.go.id").await;
    assert!(mail.subject.contains("Tim Data Salatiga") && mail.body.contains("Ayo gabung!"));
    let request = request_between(&app, team.row.id, "dodi@medan.go.id").await;
    assert!(request.from_team);
    let (_, page) = dodi.page(PAGE).await;
    assert!(page.contains("Tim Tim Data Salatiga mengajak Anda bergabung."));

    answer(&dodi, request.id, "decline").await;
    assert_eq!(
        request_between(&app, team.row.id, "dodi@medan.go.id")
            .await
            .status,
        RequestStatus::Declined
    );
    assert!(!is_member(&app, team.row.id, "dodi@medan.go.id").await);
    assert!(app
        .last_mail_to(RINA)
        .await
        .body
        .contains("Dodi Desainer menolak"));
    // Asking again is refused.
    let (_, page) = invite(&app, &team, "dodi@medan.go.id", None).await;
    assert!(page.contains(ALREADY_ASKED));
}
both_databases!(a_lead_invites_a_listed_person_who_may_decline);

async fn someone_not_on_the_list_cannot_be_invited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    app.person("Orang Lain", "lain@salatiga.go.id").await;
    let (_, page) = invite(&app, &team, "lain@salatiga.go.id", None).await;
    assert!(page.contains("Orang ini tidak tercantum sebagai pencari tim."));
}
both_databases!(someone_not_on_the_list_cannot_be_invited);

async fn joining_one_team_closes_the_persons_other_requests(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let first = rinas_team(&app).await;
    let second = registered(
        &app,
        ("Budi Ketua", "budi@pontianak.go.id"),
        "Tim Puskesmas",
        "Dinas Kesehatan Kota Pontianak",
    )
    .await;
    let eko = seeker(&app, "Eko Programmer", "eko@medan.go.id", "pemrograman web").await;
    ask(&eko, &first, None).await;
    invite(&app, &second, "eko@medan.go.id", None).await;
    let invitation = request_between(&app, second.row.id, "eko@medan.go.id").await;
    answer(&eko, invitation.id, "accept").await;
    assert!(is_member(&app, second.row.id, "eko@medan.go.id").await);

    let asked = request_between(&app, first.row.id, "eko@medan.go.id").await;
    assert_eq!(asked.status, RequestStatus::Closed);
    let (_, page) = answer(&first.lead, asked.id, "accept").await;
    assert!(page.contains(ANSWERED));
    assert!(
        !is_member(&app, first.row.id, "eko@medan.go.id").await,
        "one team per person"
    );
}
both_databases!(joining_one_team_closes_the_persons_other_requests);

async fn a_full_team_takes_no_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (team, _sari, sari_request) = sari_asked(&app).await;
    answer(&team.lead, sari_request.id, "accept").await;
    // Fajar asks while there is room; then the team is full at two.
    let fajar = app.person("Fajar", "fajar@salatiga.go.id").await;
    ask(&fajar, &team, None).await;
    let pending = request_between(&app, team.row.id, "fajar@salatiga.go.id").await;
    update_demo(&app, competition::Column::TeamMax, Expr::value(2)).await;

    // Asking is refused, and so is accepting the pending request.
    let gita = app.person("Gita", "gita@salatiga.go.id").await;
    let (_, page) = ask(&gita, &team, None).await;
    assert!(page.contains(FULL));
    let (_, page) = answer(&team.lead, pending.id, "accept").await;
    assert!(page.contains(FULL));
    assert!(!is_member(&app, team.row.id, "fajar@salatiga.go.id").await);
    assert_eq!(
        request_between(&app, team.row.id, "fajar@salatiga.go.id")
            .await
            .status,
        RequestStatus::Requested
    );
}
both_databases!(a_full_team_takes_no_one);

async fn after_registration_closes_listing_and_accepting_are_refused(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = rinas_team(&app).await;
    let fajar = app.person("Fajar", "fajar@salatiga.go.id").await;
    ask(&fajar, &team, None).await;
    let pending = request_between(&app, team.row.id, "fajar@salatiga.go.id").await;
    // Registration closed a minute ago (server clock).
    update_demo(
        &app,
        competition::Column::RegistrationClosesAt,
        Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
    )
    .await;

    let gita = app.person("Gita", "gita@salatiga.go.id").await;
    let (_, page) = send(
        &gita,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", "apa saja")],
    )
    .await;
    assert!(page.contains(CLOSED));
    let (_, page) = answer(&team.lead, pending.id, "accept").await;
    assert!(page.contains(CLOSED));
    assert!(!is_member(&app, team.row.id, "fajar@salatiga.go.id").await);
}
both_databases!(after_registration_closes_listing_and_accepting_are_refused);
