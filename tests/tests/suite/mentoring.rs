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
    let sections = proposal_section::Entity::find()
        .order_by_asc(proposal_section::Column::Position)
        .all(&app.db)
        .await
        .unwrap();
    let background = format!("section-{}", sections[0].id);
    let next_section = format!("section-{}", sections[1].id);
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

    // In the team's editor the thread sits beside its section, inside the editor: after
    // the section's field, before the next section's, with its reply box there; the
    // reply box belongs to a form of its own after the editor's form (a form cannot
    // hold another), and no list of every thread follows the form any more.
    let field = at(&page, &format!(r#"id="field-{background}""#));
    let text = at(
        &page,
        "Tambahkan data lama antrean sebelum dan sesudah inovasi.",
    );
    let reply_box = at(&page, &format!(r#"id="reply-{thread_id}""#));
    let next_field = at(&page, &format!(r#"id="field-{next_section}""#));
    assert!(
        field < text && text < reply_box && reply_box < next_field,
        "the thread and its reply box sit between its section's field and the next one"
    );
    let reply_form = format!("reply-form-{thread_id}");
    let reply_tag = &page[reply_box..reply_box + page[reply_box..].find('>').unwrap()];
    assert!(
        reply_tag.contains(&format!(r#"form="{reply_form}""#)),
        "the reply box names its form: {reply_tag}"
    );
    let save_button = at(&page, ">Simpan draf</button>");
    let editor_end = save_button + at(&page[save_button..], "</form>");
    assert!(
        at(&page, &format!(r#"id="{reply_form}""#)) > editor_end,
        "the reply's form comes after the editor's form"
    );
    assert!(
        !page.contains("Komentar pendamping"),
        "no block of threads after the form"
    );
    // The anchor the comment count links to (and the notice returns to) is there.
    assert!(page.contains(&format!(r##"href="#comments-{background}""##)));
    assert!(page.contains(&format!(r#"id="comments-{background}""#)));
    // Every section has its one "comment" button, each naming its own form.
    assert!(page.contains(&format!(r#"form="comment-form-{next_section}""#)));
    assert!(page.contains(&format!(r#"id="comment-form-{next_section}""#)));

    // The reply is sent the way the browser sends that form: its hidden fields and the box.
    let (action, hidden) = form_fields(&page, &reply_form);
    assert_eq!(action, "/api/add_comment");
    let mut fields: Vec<(&str, &str)> = hidden
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    // An empty reply comes back with its error beside the section, its text box open.
    fields.push(("body", " "));
    let response = lead.submit(&proposal, &action, &fields).await;
    let (_, page) = lead.follow(&response).await;
    let error = at(&page, &format!(r#"id="field-comment-{background}-error""#));
    assert!(
        at(&page, &format!(r#"id="field-{background}""#)) < error
            && error < at(&page, &format!(r#"id="field-{next_section}""#)),
        "a failed reply says so at its section"
    );
    let section = &page[at(&page, &format!(r#"id="comments-{background}""#))..];
    let opener = &section[..at(section, "Beri komentar")];
    let opener = &opener[opener.rfind("<details").unwrap()..];
    assert!(
        opener.contains(" open"),
        "the section's comment form is open again: {opener}"
    );
    fields.pop();
    fields.push(("body", "Sudah kami tambahkan."));
    let location = lead.done(&proposal, &action, &fields).await;
    assert!(location.ends_with(&format!("#comments-{background}")));
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

/// Where `marker` first occurs in `page` (fails naming it when it does not).
fn at(page: &str, marker: &str) -> usize {
    page.find(marker)
        .unwrap_or_else(|| panic!("{marker} is not in the page"))
}

/// The action and the named inputs of the form with the id `id` in `page`.
fn form_fields(page: &str, id: &str) -> (String, Vec<(String, String)>) {
    let marker = format!(r#"id="{id}""#);
    let start = page[..at(page, &marker)].rfind("<form").expect("a form");
    let form = &page[start..start + page[start..].find("</form>").expect("the form's end")];
    let attribute = |tag: &str, name: &str| {
        let key = format!(r#" {name}=""#);
        tag.find(&key).map(|i| {
            let rest = &tag[i + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
    };
    let head = &form[..form.find('>').unwrap()];
    let action = attribute(head, "action").expect("an action");
    let inputs = form
        .split("<input")
        .skip(1)
        .filter_map(|tag| {
            let tag = &tag[..tag.find('>').unwrap()];
            Some((
                attribute(tag, "name")?,
                attribute(tag, "value").unwrap_or_default(),
            ))
        })
        .collect();
    (action, inputs)
}
