//! Each role sees its own work and only the actions it may take: a mentor finds the teams
//! they support on `/tim` and on the home page, with the proposals waiting for their
//! comments; a team page offers a mentor no proposal to write, a competition page offers
//! them no team to register, and the server refuses them as the pages say. Black-box on
//! both databases.
use app::authz::Role;
use app::entities::{proposal_section, team_supporter};
use app::error::AppError;
use sayembara_tests::demo::{option_id, team_named, user_id, REGISTER, SLUG};
use sayembara_tests::{both_databases, refusal, Backend, TestApp};
use sea_orm::{EntityTrait, QueryOrder};

const NOT_IN_A_TEAM: &str = "belum tergabung dalam tim";
const COMPETITION: &str = "/kompetisi/kipp-daerah-2027";

/// A team led by Rina, its member Budi, and Dr. Wulan, a mentor the lead asked and who
/// accepted: (lead, member, mentor, team id).
async fn supported_team(app: &TestApp) -> (TestApp, TestApp, TestApp, i32) {
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Antrean Cepat", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(app, "Tim Antrean Cepat").await;
    let member = app.person("Budi Anggota", "budi@salatiga.go.id").await;
    member.join_team(team.join_code.as_deref().unwrap()).await;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;
    let wulan = user_id(app, "wulan@uksw.ac.id").await;
    lead.expect_done(&lead.ask_team_supporter(team.id, wulan).await);
    let request = team_supporter::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    mentor.expect_done(&mentor.answer_team_supporter(request.id, "accept").await);
    (lead, member, mentor, team.id)
}

async fn a_mentor_sees_the_teams_they_support_and_what_waits_for_comments(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (lead, _member, mentor, team) = supported_team(&app).await;
    let team_link = format!("href=\"/tim/{team}\"");

    // `/tim`: the supported team, with the mentor's role; not "not in a team".
    let (status, mine) = mentor.page("/tim").await;
    assert_eq!(status, 200);
    assert!(!mine.contains(NOT_IN_A_TEAM), "{mine}");
    assert!(mine.contains("Tim yang Anda dampingi"));
    assert!(mine.contains(&team_link));
    assert!(mine.contains("Pendamping"));

    // A second team asks: the request waits on `/tim` with its answers, and the home
    // page counts it.
    let other_lead = app.person("Sari Ketua", "sari@pontianak.go.id").await;
    other_lead
        .register_team("Tim Izin Kilat", "Pemerintah Kota Salatiga", "")
        .await;
    let other = team_named(&app, "Tim Izin Kilat").await.id;
    let wulan = user_id(&app, "wulan@uksw.ac.id").await;
    other_lead.expect_done(&other_lead.ask_team_supporter(other, wulan).await);
    let (_, mine) = mentor.page("/tim").await;
    assert!(
        mine.contains("Permintaan pendampingan untuk Anda"),
        "{mine}"
    );
    assert!(mine.contains("Terima permintaan Tim Izin Kilat"));
    // A team that only asked is not a page the mentor may open yet.
    assert!(!mine.contains(&format!("href=\"/tim/{other}\"")));

    // Home: the mentor's work, the team, the request; nothing written yet, so nothing
    // waits for comments.
    let (status, home) = mentor.page("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("Pekerjaan Anda"), "{home}");
    assert!(!home.contains(NOT_IN_A_TEAM));
    assert!(home.contains(&team_link));
    assert!(home.contains("1 permintaan pendampingan menunggu jawaban Anda."));
    assert!(home.contains("Proposal yang menunggu komentar Anda"));
    assert!(home.contains("Tidak ada proposal yang menunggu komentar Anda."));

    // The team writes its background (the template is written when the proposal is
    // first opened): the proposal waits for the mentor's comments.
    assert_eq!(lead.page(&format!("/tim/{team}/proposal")).await.0, 200);
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
    let save = |body: &'static str, base: &'static str| {
        let lead = &lead;
        let background = background.clone();
        async move {
            lead.save_proposal(
                team,
                &[
                    (format!("text[{background}]"), body),
                    (format!("base[{background}]"), base),
                ],
            )
            .await
        }
    };
    save("Antrean panjang di Dukcapil.", "0").await;
    let proposal_link = format!("href=\"/tim/{team}/proposal\"");
    let (_, home) = mentor.page("/").await;
    assert!(home.contains(&proposal_link), "{home}");
    assert!(home.contains("belum Anda komentari"));
    assert!(!home.contains("Tidak ada proposal yang menunggu komentar Anda."));

    // Commented: nothing waits. Changed again: it waits again, with its open thread.
    mentor
        .add_comment(team, &background, None, "Tambahkan data lama antrean.")
        .await;
    let (_, home) = mentor.page("/").await;
    assert!(!home.contains(&proposal_link), "{home}");
    assert!(home.contains("Tidak ada proposal yang menunggu komentar Anda."));
    save("Antrean panjang di Dukcapil: 3 jam.", "1").await;
    let (_, home) = mentor.page("/").await;
    assert!(home.contains(&proposal_link), "{home}");
    assert!(home.contains("setelah komentar terakhir Anda"));
    assert!(home.contains("Utas terbuka: 1."));

    // The lead's home lists their team, and nothing about comments to write.
    let (_, home) = lead.page("/").await;
    assert!(home.contains("Pekerjaan Anda"));
    assert!(home.contains(&team_link));
    assert!(!home.contains("Proposal yang menunggu komentar Anda"));
    // A visitor who is signed out sees the landing page alone.
    let (_, home) = app.new_browser().page("/").await;
    assert!(!home.contains("Pekerjaan Anda"));
}
both_databases!(
    mentor_sees_own_work,
    a_mentor_sees_the_teams_they_support_and_what_waits_for_comments
);

async fn each_role_is_offered_only_what_the_server_allows(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (lead, member, mentor, team) = supported_team(&app).await;
    let team_page = format!("/tim/{team}");
    let register_link = format!("href=\"{REGISTER}\"");

    // The team page: members write the proposal, the mentor reads and comments on it.
    for who in [&lead, &member] {
        let (_, page) = who.page(&team_page).await;
        assert!(page.contains("Tulis proposal"), "{page}");
    }
    let (status, page) = mentor.page(&team_page).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Tulis proposal"), "{page}");
    assert!(page.contains("Baca dan komentari proposal"));
    assert!(page.contains(&format!("href=\"{team_page}/proposal\"")));

    // The competition page: a member is still offered registering; the mentor is told
    // their role and shown where to find teams to support instead.
    let (_, page) = member.page(COMPETITION).await;
    assert!(page.contains(&register_link), "{page}");
    let (_, page) = mentor.page(COMPETITION).await;
    assert!(!page.contains(&register_link), "{page}");
    assert!(!page.contains("href=\"/gabung\""));
    assert!(page.contains("Peran Anda dalam kompetisi ini: Pendamping."));
    assert!(page.contains(&format!("href=\"{COMPETITION}/cari-tim#didampingi\"")));

    // The registration page explains instead of showing the form, and the server refuses
    // the registration itself (403), sending the mentor back to that explanation.
    let (status, page) = mentor.page(REGISTER).await;
    assert_eq!(status, 200);
    assert!(page.contains("Peran Anda dalam kompetisi ini: Pendamping."));
    assert!(!page.contains("name=\"agency\""));
    let category = option_id(&app, "category").await;
    let group = option_id(&app, "group").await;
    let response = mentor
        .submit(
            REGISTER,
            "/api/register_team",
            &[
                ("slug", SLUG),
                ("name", "Tim Sang Pendamping"),
                ("agency", "Pemerintah Kota Salatiga"),
                ("region", ""),
                ("category", &category),
                ("group", &group),
            ],
        )
        .await;
    assert_eq!(refusal(&mentor.location(&response)), AppError::Forbidden);
    let (_, page) = mentor.follow(&response).await;
    assert!(page.contains("Peran Anda dalam kompetisi ini: Pendamping."));
    // Called directly, the refusal is a 403.
    let direct = mentor
        .client
        .post(mentor.url("/api/register_team"))
        .header("accept", "application/json")
        .form(&[
            ("slug", SLUG),
            ("name", "Tim Sang Pendamping"),
            ("agency", "Pemerintah Kota Salatiga"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status().as_u16(), 403);

    // Joining with the team's code: the join page says why not, the server refuses.
    let code = team_named(&app, "Tim Antrean Cepat")
        .await
        .join_code
        .unwrap();
    let (_, page) = mentor.page(&format!("/gabung?kode={code}")).await;
    assert!(
        page.contains("Anda memegang peran dalam kompetisi ini"),
        "{page}"
    );
    let response = mentor
        .submit(
            &format!("/gabung?kode={code}"),
            "/api/join_team",
            &[("code", &code)],
        )
        .await;
    assert_eq!(refusal(&mentor.location(&response)), AppError::Forbidden);

    // The looking-for-team page: no listing of oneself, no asking to join; the server
    // refuses both.
    let (_, board) = mentor.page(&format!("{COMPETITION}/cari-tim")).await;
    assert!(!board.contains("Cantumkan saya"), "{board}");
    assert!(board.contains("Tim yang dapat Anda dampingi"));
    let response = mentor
        .submit(
            &format!("{COMPETITION}/cari-tim"),
            "/api/save_seeker_listing",
            &[("slug", SLUG), ("skills", "kebijakan publik")],
        )
        .await;
    assert_eq!(refusal(&mentor.location(&response)), AppError::Forbidden);
    let response = mentor
        .submit(
            &format!("{COMPETITION}/cari-tim"),
            "/api/ask_to_join",
            &[("slug", SLUG), ("team", &team.to_string())],
        )
        .await;
    assert_eq!(refusal(&mentor.location(&response)), AppError::Forbidden);
    // Nobody was added to the team.
    let (_, page) = lead.page(&team_page).await;
    assert!(page.contains("2 anggota"), "{page}");
}
both_databases!(
    actions_shown_are_allowed,
    each_role_is_offered_only_what_the_server_allows
);
