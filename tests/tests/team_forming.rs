//! Team forming: people list themselves as looking for a team, teams list the skills
//! they need, either side asks and the other answers; accepting makes a member under the
//! same rules as joining by code. Black-box on both databases.
use app::entities::{competition, join_request, team_member, team_seeker};
use sayembara_tests::demo::{
    competition as demo, person, register_team, team_named, user_id, SLUG,
};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PAGE: &str = "/kompetisi/kipp-daerah-2027/cari-tim";

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

async fn people_and_teams_find_each_other(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;

    // Signed out: asked to sign in, and brought back.
    let (status, page) = app.new_browser().page(PAGE).await;
    assert_eq!(status, 401);
    assert!(page.contains("/masuk?lanjut=/kompetisi/kipp-daerah-2027/cari-tim"));

    // A lead lists the skills the team needs.
    let lead = person(&app, "Rina Ketua", "rina@salatiga.go.id").await;
    register_team(
        &app,
        &lead,
        "Tim Data Salatiga",
        "Pemerintah Kota Salatiga",
        "",
    )
    .await;
    let tim = team_named(&app, "Tim Data Salatiga").await;
    let team_id = tim.id.to_string();
    let (_, page) = send(
        &lead,
        "/api/save_team_wanted",
        &[("slug", SLUG), ("team", &team_id), ("wanted_skills", "ab")],
    )
    .await;
    assert!(page.contains("Keahlian 3 sampai 300 karakter."));
    let (_, page) = send(
        &lead,
        "/api/save_team_wanted",
        &[
            ("slug", SLUG),
            ("team", &team_id),
            ("wanted_skills", "analisis  data, desain layanan"),
        ],
    )
    .await;
    assert!(page.contains("Daftar tim Anda diperbarui."));
    assert_eq!(
        team_named(&app, "Tim Data Salatiga")
            .await
            .wanted_skills
            .as_deref(),
        Some("analisis data, desain layanan")
    );

    // A person without a team: every listing problem at once, typing kept.
    let sari = person(&app, "Sari Analis", "sari@pontianak.go.id").await;
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
    let (_, page) = send(
        &sari,
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
    // The lead finds her (search by skill, any case) and she finds the team.
    let (_, page) = lead.page(&format!("{PAGE}?q=PYTHON")).await;
    assert!(page.contains("Sari Analis") && page.contains("Kota Pontianak"));
    let (_, page) = lead.page(&format!("{PAGE}?q=rust")).await;
    assert!(!page.contains("Sari Analis"), "the search narrows the list");
    let (_, page) = sari.page(PAGE).await;
    assert!(page.contains("Tim Data Salatiga") && page.contains("analisis data, desain layanan"));

    // She asks to join; the lead is mailed with her message.
    let (_, page) = send(
        &sari,
        "/api/ask_to_join",
        &[
            ("slug", SLUG),
            ("team", &team_id),
            ("message", "Saya bisa mengolah data kunjungan."),
        ],
    )
    .await;
    assert!(page.contains("Permintaan Anda dikirim ke ketua tim."));
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(mail.subject.contains("Sari Analis"));
    assert!(mail.body.contains("Saya bisa mengolah data kunjungan."));
    assert!(mail.body.contains("/kompetisi/kipp-daerah-2027/cari-tim"));
    let (_, page) = send(
        &sari,
        "/api/ask_to_join",
        &[("slug", SLUG), ("team", &team_id)],
    )
    .await;
    assert!(page.contains("Sudah ada permintaan antara tim ini dan orang ini."));

    // Only the lead answers; then she is a member and off the list.
    let request = request_between(&app, tim.id, "sari@pontianak.go.id").await;
    let request_id = request.id.to_string();
    let stranger = person(&app, "Orang Lain", "lain@salatiga.go.id").await;
    let response = stranger
        .submit(
            PAGE,
            "/api/answer_join_request",
            &[("request", &request_id), ("answer", "accept")],
        )
        .await;
    sayembara_tests::refusal(&stranger.location(&response));
    assert!(!is_member(&app, tim.id, "sari@pontianak.go.id").await);
    let (_, page) = lead.page(PAGE).await;
    assert!(page.contains("Sari Analis ingin bergabung dengan tim Tim Data Salatiga."));
    let (_, page) = send(
        &lead,
        "/api/answer_join_request",
        &[("request", &request_id), ("answer", "accept")],
    )
    .await;
    assert!(page.contains("Diterima: anggota baru bergabung dengan tim."));
    assert!(is_member(&app, tim.id, "sari@pontianak.go.id").await);
    assert_eq!(
        request_between(&app, tim.id, "sari@pontianak.go.id")
            .await
            .status,
        app::teams::RequestStatus::Accepted
    );
    assert!(app
        .last_mail_to("sari@pontianak.go.id")
        .await
        .body
        .contains("menerima"));
    assert!(
        !page.contains("Sari Analis ingin"),
        "answered requests leave the list"
    );
    let (_, page) = lead.page(PAGE).await;
    assert!(
        !page.contains("<h3>Sari Analis</h3>"),
        "members are off the list"
    );
    let (_, page) = send(
        &lead,
        "/api/answer_join_request",
        &[("request", &request_id), ("answer", "decline")],
    )
    .await;
    assert!(page.contains("Permintaan ini sudah dijawab"));
    assert_eq!(
        request_between(&app, tim.id, "sari@pontianak.go.id")
            .await
            .status,
        app::teams::RequestStatus::Accepted,
        "answered once"
    );

    // The other way: the lead invites a listed person, who declines; asking again is refused.
    let dodi = person(&app, "Dodi Desainer", "dodi@medan.go.id").await;
    send(
        &dodi,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", "desain antarmuka")],
    )
    .await;
    let dodi_id = user_id(&app, "dodi@medan.go.id").await.to_string();
    let (_, page) = send(
        &lead,
        "/api/invite_seeker",
        &[
            ("slug", SLUG),
            ("team", &team_id),
            ("person", &dodi_id),
            ("message", "Ayo gabung!"),
        ],
    )
    .await;
    assert!(page.contains("Ajakan dikirim."));
    let mail = app.last_mail_to("dodi@medan.go.id").await;
    assert!(mail.subject.contains("Tim Data Salatiga") && mail.body.contains("Ayo gabung!"));
    let request = request_between(&app, tim.id, "dodi@medan.go.id").await;
    assert!(request.from_team);
    let (_, page) = dodi.page(PAGE).await;
    assert!(page.contains("Tim Tim Data Salatiga mengajak Anda bergabung."));
    send(
        &dodi,
        "/api/answer_join_request",
        &[("request", &request.id.to_string()), ("answer", "decline")],
    )
    .await;
    assert_eq!(
        request_between(&app, tim.id, "dodi@medan.go.id")
            .await
            .status,
        app::teams::RequestStatus::Declined
    );
    assert!(!is_member(&app, tim.id, "dodi@medan.go.id").await);
    assert!(app
        .last_mail_to("rina@salatiga.go.id")
        .await
        .body
        .contains("Dodi Desainer menolak"));
    let (_, page) = send(
        &lead,
        "/api/invite_seeker",
        &[("slug", SLUG), ("team", &team_id), ("person", &dodi_id)],
    )
    .await;
    assert!(page.contains("Sudah ada permintaan antara tim ini dan orang ini."));
    // Someone not on the list cannot be invited.
    let stranger_id = user_id(&app, "lain@salatiga.go.id").await.to_string();
    let (_, page) = send(
        &lead,
        "/api/invite_seeker",
        &[("slug", SLUG), ("team", &team_id), ("person", &stranger_id)],
    )
    .await;
    assert!(page.contains("Orang ini tidak tercantum sebagai pencari tim."));

    // Joining one team closes the person's other requests.
    let lead2 = person(&app, "Budi Ketua", "budi@pontianak.go.id").await;
    register_team(
        &app,
        &lead2,
        "Tim Puskesmas",
        "Dinas Kesehatan Kota Pontianak",
        "",
    )
    .await;
    let tim2 = team_named(&app, "Tim Puskesmas").await;
    let eko = person(&app, "Eko Programmer", "eko@medan.go.id").await;
    send(
        &eko,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", "pemrograman web")],
    )
    .await;
    let eko_id = user_id(&app, "eko@medan.go.id").await.to_string();
    send(
        &eko,
        "/api/ask_to_join",
        &[("slug", SLUG), ("team", &team_id)],
    )
    .await;
    send(
        &lead2,
        "/api/invite_seeker",
        &[
            ("slug", SLUG),
            ("team", &tim2.id.to_string()),
            ("person", &eko_id),
        ],
    )
    .await;
    let invite = request_between(&app, tim2.id, "eko@medan.go.id").await;
    send(
        &eko,
        "/api/answer_join_request",
        &[("request", &invite.id.to_string()), ("answer", "accept")],
    )
    .await;
    assert!(is_member(&app, tim2.id, "eko@medan.go.id").await);
    let asked = request_between(&app, tim.id, "eko@medan.go.id").await;
    assert_eq!(asked.status, app::teams::RequestStatus::Closed);
    let (_, page) = send(
        &lead,
        "/api/answer_join_request",
        &[("request", &asked.id.to_string()), ("answer", "accept")],
    )
    .await;
    assert!(page.contains("Permintaan ini sudah dijawab"));
    assert!(
        !is_member(&app, tim.id, "eko@medan.go.id").await,
        "one team per person"
    );

    // A full team takes no one: asking is refused, and so is accepting a pending request.
    let fajar = person(&app, "Fajar", "fajar@salatiga.go.id").await;
    send(
        &fajar,
        "/api/ask_to_join",
        &[("slug", SLUG), ("team", &team_id)],
    )
    .await;
    let pending = request_between(&app, tim.id, "fajar@salatiga.go.id").await;
    let competition_row = demo(&app).await;
    competition::Entity::update_many()
        .col_expr(competition::Column::TeamMax, Expr::value(2))
        .filter(competition::Column::Id.eq(competition_row.id))
        .exec(&app.db)
        .await
        .unwrap();
    let gita = person(&app, "Gita", "gita@salatiga.go.id").await;
    let (_, page) = send(
        &gita,
        "/api/ask_to_join",
        &[("slug", SLUG), ("team", &team_id)],
    )
    .await;
    assert!(page.contains("Tim sudah mencapai jumlah anggota paling banyak"));
    let (_, page) = send(
        &lead,
        "/api/answer_join_request",
        &[("request", &pending.id.to_string()), ("answer", "accept")],
    )
    .await;
    assert!(page.contains("Tim sudah mencapai jumlah anggota paling banyak"));
    assert!(!is_member(&app, tim.id, "fajar@salatiga.go.id").await);
    assert_eq!(
        request_between(&app, tim.id, "fajar@salatiga.go.id")
            .await
            .status,
        app::teams::RequestStatus::Requested
    );

    // After registration closes (server clock), listing and accepting are refused.
    competition::Entity::update_many()
        .col_expr(competition::Column::TeamMax, Expr::value(5))
        .col_expr(
            competition::Column::RegistrationClosesAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(competition::Column::Id.eq(competition_row.id))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = send(
        &gita,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", "apa saja")],
    )
    .await;
    assert!(page.contains("Pendaftaran tim sudah ditutup atau belum dibuka"));
    let (_, page) = send(
        &lead,
        "/api/answer_join_request",
        &[("request", &pending.id.to_string()), ("answer", "accept")],
    )
    .await;
    assert!(page.contains("Pendaftaran tim sudah ditutup atau belum dibuka"));
    assert!(!is_member(&app, tim.id, "fajar@salatiga.go.id").await);
}
both_databases!(team_forming, people_and_teams_find_each_other);
