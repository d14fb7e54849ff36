//! Mentoring: a team's accepted mentor reads its proposal and comments per part; the team
//! reads the comment beside the part, replies and resolves the thread; both are told by
//! mail. Black-box on both databases.
use app::authz::Role;
use app::entities::{proposal_comment, proposal_section, team, team_supporter};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const SLUG: &str = "kipp-daerah-2027";

async fn user_id(app: &TestApp, email: &str) -> String {
    app::entities::user_account::Entity::find()
        .filter(app::entities::user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn comment(
    by: &TestApp,
    team: &str,
    part: &str,
    parent: Option<&str>,
    body: &str,
) -> (String, String) {
    let mut fields = vec![("team", team), ("part", part), ("body", body)];
    if let Some(parent) = parent {
        fields.push(("parent", parent));
    }
    let response = by
        .submit(
            &format!("/tim/{team}/proposal"),
            "/api/add_comment",
            &fields,
        )
        .await;
    by.follow(&response).await
}

async fn a_mentor_comments_and_the_team_answers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.new_browser();
    lead.signed_in("Rina Ketua", "rina@salatiga.go.id").await;
    let option = |kind: &'static str| {
        let db = app.db.clone();
        async move {
            app::entities::competition_option::Entity::find()
                .filter(app::entities::competition_option::Column::Kind.eq(kind))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string()
        }
    };
    let (category, group) = (option("category").await, option("group").await);
    lead.submit(
        "/kompetisi/kipp-daerah-2027/daftar-tim",
        "/api/register_team",
        &[
            ("slug", SLUG),
            ("name", "Tim Didampingi"),
            ("agency", "Pemerintah Kota Salatiga"),
            ("region", ""),
            ("category", &category),
            ("group", &group),
        ],
    )
    .await;
    let team = team::Entity::find()
        .filter(team::Column::Name.eq("Tim Didampingi"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let team_id = team.id.to_string();
    let mentor = app.new_browser();
    mentor.signed_in("Dr. Wulan", "wulan@uksw.ac.id").await;
    app.give_role("wulan@uksw.ac.id", SLUG, Role::Mentor).await;
    let other_mentor = app.new_browser();
    other_mentor.signed_in("Dr. Lain", "lain@untan.ac.id").await;
    app.give_role("lain@untan.ac.id", SLUG, Role::Mentor).await;

    // Before the request is accepted the mentor cannot read the proposal.
    let (status, _) = mentor.page(&format!("/tim/{team_id}/proposal")).await;
    assert_eq!(status, 403);
    let wulan = user_id(&app, "wulan@uksw.ac.id").await;
    lead.submit(
        &format!("/tim/{team_id}"),
        "/api/ask_team_supporter",
        &[("team", &team_id), ("supporter", &wulan)],
    )
    .await;
    let request = team_supporter::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    mentor
        .submit(
            "/tim",
            "/api/answer_team_supporter",
            &[("request", &request.id.to_string()), ("answer", "accept")],
        )
        .await;

    // The lead has written the background; the mentor reads it and comments on it.
    let (status, _) = lead.page(&format!("/tim/{team_id}/proposal")).await;
    assert_eq!(status, 200);
    let background = format!(
        "section-{}",
        proposal_section::Entity::find()
            .order_by_asc(proposal_section::Column::Position)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    );
    lead.submit(
        &format!("/tim/{team_id}/proposal"),
        "/api/save_proposal",
        &[
            ("team", team_id.as_str()),
            (
                &format!("text[{background}]"),
                "Antrean panjang di Dukcapil.",
            ),
            (&format!("base[{background}]"), "0"),
        ],
    )
    .await;
    let (status, page) = mentor.page(&format!("/tim/{team_id}/proposal")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Antrean panjang di Dukcapil."));
    assert!(page.contains("Proposal ini hanya dapat dibaca sekarang."));

    let (_, page) = comment(&mentor, &team_id, &background, None, "   ").await;
    assert!(page.contains("Tulis komentar terlebih dahulu"));
    let (location, page) = comment(
        &mentor,
        &team_id,
        &background,
        None,
        "Tambahkan data lama antrean sebelum dan sesudah inovasi.",
    )
    .await;
    assert_eq!(
        location,
        format!("/tim/{team_id}/proposal?tersimpan=komentar#comments-{background}")
    );
    assert!(page.contains("Komentar terkirim."));
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(mail.subject.contains("Tim Didampingi"));
    assert!(mail.body.contains("Tambahkan data lama antrean"));

    // The team sees it beside the part, replies and resolves the thread.
    let (_, page) = lead.page(&format!("/tim/{team_id}/proposal")).await;
    assert!(page.contains("Tambahkan data lama antrean sebelum dan sesudah inovasi."));
    assert!(page.contains("1 komentar"));
    let thread = proposal_comment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let thread_id = thread.id.to_string();
    comment(
        &lead,
        &team_id,
        &background,
        Some(&thread_id),
        "Sudah kami tambahkan.",
    )
    .await;
    let mail = app.last_mail_to("wulan@uksw.ac.id").await;
    assert!(mail.body.contains("Sudah kami tambahkan."));
    let response = lead
        .submit(
            &format!("/tim/{team_id}/proposal"),
            "/api/resolve_comment",
            &[
                ("team", &team_id),
                ("comment", &thread_id),
                ("resolved", "true"),
            ],
        )
        .await;
    sayembara_tests::assert_no_error(&lead.location(&response));
    let thread = proposal_comment::Entity::find_by_id(thread.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(thread.resolved_at.is_some());
    let (_, page) = mentor.page(&format!("/tim/{team_id}/proposal")).await;
    assert!(page.contains("Sudah kami tambahkan.") && page.contains("Selesai"));

    // A mentor of the competition who does not mentor this team can neither read nor comment.
    let (status, _) = other_mentor.page(&format!("/tim/{team_id}/proposal")).await;
    assert_eq!(status, 403);
    let (location, _) = comment(&other_mentor, &team_id, &background, None, "Halo").await;
    sayembara_tests::refusal(&location);
    assert_eq!(
        proposal_comment::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        2
    );
}
both_databases!(comments, a_mentor_comments_and_the_team_answers);
