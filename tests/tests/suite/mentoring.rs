//! Mentoring: a team's accepted mentor reads its proposal and comments per part; the team
//! reads the comment beside the part, replies and resolves the thread; both are told by
//! mail. Black-box on both databases.
use app::authz::Role;
use app::entities::{proposal_comment, proposal_section, team_supporter};
use sayembara_tests::demo::{team_named, user_id, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::{EntityTrait, QueryOrder};

async fn a_mentor_comments_and_the_team_answers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Didampingi", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Didampingi").await.id;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;
    let other_mentor = app
        .person_with_role("Dr. Lain", "lain@untan.ac.id", SLUG, Role::Mentor)
        .await;
    let proposal = format!("/tim/{team}/proposal");

    // Before the request is accepted the mentor cannot read the proposal.
    let (status, _) = mentor.page(&proposal).await;
    assert_eq!(status, 403);
    let wulan = user_id(&app, "wulan@uksw.ac.id").await;
    lead.ask_team_supporter(team, wulan).await;
    let request = team_supporter::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    mentor.answer_team_supporter(request.id, "accept").await;

    // The lead has written the background; the mentor reads it and comments on it.
    let (status, _) = lead.page(&proposal).await;
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
    lead.save_proposal(
        team,
        &[
            (
                format!("text[{background}]"),
                "Antrean panjang di Dukcapil.",
            ),
            (format!("base[{background}]"), "0"),
        ],
    )
    .await;
    let (status, page) = mentor.page(&proposal).await;
    assert_eq!(status, 200);
    assert!(page.contains("Antrean panjang di Dukcapil."));
    assert!(page.contains("Proposal ini hanya dapat dibaca sekarang."));

    let (_, page) = mentor.add_comment(team, &background, None, "   ").await;
    assert!(page.contains("Tulis komentar terlebih dahulu"));
    let (location, page) = mentor
        .add_comment(
            team,
            &background,
            None,
            "Tambahkan data lama antrean sebelum dan sesudah inovasi.",
        )
        .await;
    assert_eq!(
        location,
        format!("/tim/{team}/proposal?tersimpan=komentar#comments-{background}")
    );
    assert!(page.contains("Komentar terkirim."));
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(mail.subject.contains("Tim Didampingi"));
    assert!(mail.body.contains("Tambahkan data lama antrean"));

    // The team sees it beside the part, replies and resolves the thread.
    let (_, page) = lead.page(&proposal).await;
    assert!(page.contains("Tambahkan data lama antrean sebelum dan sesudah inovasi."));
    assert!(page.contains("1 komentar"));
    let thread = proposal_comment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let thread_id = thread.id.to_string();
    lead.add_comment(team, &background, Some(thread.id), "Sudah kami tambahkan.")
        .await;
    let mail = app.last_mail_to("wulan@uksw.ac.id").await;
    assert!(mail.body.contains("Sudah kami tambahkan."));
    let response = lead
        .submit(
            &proposal,
            "/api/resolve_comment",
            &[
                ("team", &team.to_string()),
                ("comment", &thread_id),
                ("resolved", "true"),
            ],
        )
        .await;
    sayembara_tests::assert_no_error(&lead.location(&response));
    let (_, page) = lead.follow(&response).await;
    assert!(
        page.contains("Komentar ditandai selesai."),
        "resolving says so"
    );
    let thread = proposal_comment::Entity::find_by_id(thread.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(thread.resolved_at.is_some());
    let (_, page) = mentor.page(&proposal).await;
    assert!(page.contains("Sudah kami tambahkan.") && page.contains("Selesai"));

    // A mentor of the competition who does not mentor this team can neither read nor comment.
    let (status, _) = other_mentor.page(&proposal).await;
    assert_eq!(status, 403);
    let (location, _) = other_mentor
        .add_comment(team, &background, None, "Halo")
        .await;
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
