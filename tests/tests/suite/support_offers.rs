//! A mentor or partner finds teams on the looking-for-team page and offers their support;
//! the team's lead sees the offer on the team page and accepts or declines it; both are
//! told by mail. Only the side that did not ask answers; only a mentor or partner of the
//! team's own competition offers; an offer where a request or offer already links the
//! two is refused at its field. Black-box on both databases.
use app::authz::Role;
use app::entities::team_supporter;
use app::error::AppError;
use app::teams::RequestStatus;
use sayembara_tests::demo::{team_named, user_id, SLUG};
use sayembara_tests::{both_databases, refusal, Backend, Outcome, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const BOARD: &str = "/kompetisi/kipp-daerah-2027/cari-tim";

/// The link between the team and the person with this address.
async fn link(app: &TestApp, team: i32, email: &str) -> team_supporter::Model {
    let user = user_id(app, email).await;
    team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team))
        .filter(team_supporter::Column::UserId.eq(user))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a request or offer links them")
}

/// The field error a refused form carries.
fn field_message(outcome: Outcome, field: &str) -> Vec<app::i18n::Key> {
    match outcome {
        Outcome::Refused(AppError::Validation(errors)) => errors.messages(field),
        other => panic!("expected a message at {field}, got {other:?}"),
    }
}

async fn a_mentor_offers_support_and_the_lead_accepts(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Antrean Cepat", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Antrean Cepat").await;
    let member = app.person("Budi Anggota", "budi@salatiga.go.id").await;
    member.join_team(team.join_code.as_deref().unwrap()).await;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;
    let team_page = format!("/tim/{}", team.id);

    // The mentor finds the team (it looks for no members) and offers.
    let (status, board) = mentor.page(BOARD).await;
    assert_eq!(status, 200);
    assert!(board.contains("Tim yang dapat Anda dampingi"), "{board}");
    assert!(board.contains("Tawarkan pendampingan kepada Tim Antrean Cepat"));
    let response = mentor.offer_team_support(team.id).await;
    let (location, board) = mentor.follow(&response).await;
    assert_eq!(location, format!("{BOARD}?tersimpan=ditawarkan#didampingi"));
    assert!(board.contains("Tawaran pendampingan Anda terkirim ke ketua tim."));
    assert!(board.contains("Tawaran Anda menunggu jawaban ketua tim."));
    assert!(!board.contains("Tawarkan pendampingan kepada Tim Antrean Cepat"));
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(
        mail.subject
            .contains("Dr. Wulan menawarkan diri menjadi Pendamping Tim Antrean Cepat"),
        "{}",
        mail.subject
    );
    assert!(mail.body.contains(&format!("{team_page}#pendamping")));

    // Until the lead accepts, the mentor reads nothing of the team; their teams page
    // shows the offer waiting.
    assert_eq!(mentor.page(&team_page).await.0, 403);
    let (_, mine) = mentor.page("/tim").await;
    assert!(mine.contains("Tawaran pendampingan Anda"), "{mine}");
    assert!(mine.contains("Menunggu jawaban ketua tim"));

    // The lead sees the offer with its answers; a member sees it without them.
    let offer = link(&app, team.id, "wulan@uksw.ac.id").await;
    assert!(offer.from_supporter);
    let (_, page) = lead.page(&team_page).await;
    assert!(page.contains("menawarkan diri"), "{page}");
    assert!(page.contains("Terima tawaran Dr. Wulan"));
    let (_, page) = member.page(&team_page).await;
    assert!(page.contains("menawarkan diri"));
    assert!(!page.contains("Terima tawaran Dr. Wulan"));

    // Only the lead answers an offer: not the mentor who made it, not a member.
    let own = mentor.answer_team_supporter(offer.id, "accept").await;
    assert_eq!(refusal(&mentor.location(&own)), AppError::Forbidden);
    let by_member = member
        .answer_support_offer(team.id, offer.id, "accept")
        .await;
    assert_eq!(refusal(&member.location(&by_member)), AppError::Forbidden);
    assert_eq!(
        link(&app, team.id, "wulan@uksw.ac.id").await.status,
        RequestStatus::Requested
    );

    let response = lead.answer_support_offer(team.id, offer.id, "accept").await;
    let (location, page) = lead.follow(&response).await;
    assert_eq!(
        location,
        format!("{team_page}?tersimpan=dijawab#pendamping")
    );
    assert!(page.contains("Jawaban Anda tersimpan."));
    let mail = app.last_mail_to("wulan@uksw.ac.id").await;
    assert!(mail
        .subject
        .contains("Jawaban Tim Antrean Cepat atas tawaran Anda"));
    assert!(mail.body.contains("Rina Ketua"), "{}", mail.body);
    assert!(mail.body.contains("menerima tawaran Anda"));

    // The mentor now supports the team: they read it and find it among their teams.
    assert_eq!(mentor.page(&team_page).await.0, 200);
    assert_eq!(mentor.page(&format!("{team_page}/proposal")).await.0, 200);
    let (_, mine) = mentor.page("/tim").await;
    assert!(mine.contains("Tim yang Anda dampingi"), "{mine}");
    assert!(mine.contains(&format!("href=\"{team_page}\"")));

    // An offer is answered once.
    let again = lead
        .answer_support_offer(team.id, offer.id, "decline")
        .await;
    assert_eq!(
        field_message(lead.outcome(&again), "support"),
        [app::i18n::Key::TeamsErrorAnswered]
    );
}
both_databases!(offer_accepted, a_mentor_offers_support_and_the_lead_accepts);

async fn a_declined_offer_is_told_and_an_offer_is_made_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Antrean Cepat", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Antrean Cepat").await.id;
    let partner = app
        .person_with_role("PT Mitra Data", "mitra@data.co.id", SLUG, Role::Partner)
        .await;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;

    // Offered twice: the second is refused at its field, saying why.
    partner.expect_done(&partner.offer_team_support(team).await);
    let twice = partner.offer_team_support(team).await;
    assert_eq!(
        field_message(partner.outcome(&twice), "support"),
        [app::i18n::Key::SupportErrorOffered]
    );
    let (_, board) = partner.follow(&twice).await;
    assert!(
        board.contains("Anda sudah menawarkan diri kepada tim ini; tunggu jawaban ketua tim."),
        "{board}"
    );

    // Declined: the partner is told, reads nothing of the team, and cannot offer again.
    let offer = link(&app, team, "mitra@data.co.id").await;
    lead.expect_done(&lead.answer_support_offer(team, offer.id, "decline").await);
    let mail = app.last_mail_to("mitra@data.co.id").await;
    assert!(mail.body.contains("menolak tawaran Anda"), "{}", mail.body);
    assert!(mail.body.contains("/cari-tim#didampingi"));
    assert_eq!(partner.page(&format!("/tim/{team}")).await.0, 403);
    let (_, mine) = partner.page("/tim").await;
    assert!(mine.contains("Permintaan dan tawaran sebelumnya"), "{mine}");
    let after = partner.offer_team_support(team).await;
    assert_eq!(
        field_message(partner.outcome(&after), "support"),
        [app::i18n::Key::SupportErrorLinked]
    );

    // A mentor the lead already asked answers the request rather than offering.
    let wulan = user_id(&app, "wulan@uksw.ac.id").await;
    lead.expect_done(&lead.ask_team_supporter(team, wulan).await);
    let offered = mentor.offer_team_support(team).await;
    assert_eq!(
        field_message(mentor.outcome(&offered), "support"),
        [app::i18n::Key::SupportErrorAsked]
    );
    // The lead cannot answer the request they made themselves.
    let request = link(&app, team, "wulan@uksw.ac.id").await;
    assert!(!request.from_supporter);
    let own = lead.answer_support_offer(team, request.id, "accept").await;
    assert_eq!(refusal(&lead.location(&own)), AppError::Forbidden);
    assert_eq!(
        link(&app, team, "wulan@uksw.ac.id").await.status,
        RequestStatus::Requested
    );
}
both_databases!(
    offer_declined,
    a_declined_offer_is_told_and_an_offer_is_made_once
);

async fn only_a_mentor_or_partner_of_the_teams_competition_offers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Antrean Cepat", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Antrean Cepat").await.id;

    // Signed out: 401.
    let anonymous = app.new_browser().offer_team_support(team).await;
    assert_eq!(refusal(&app.location(&anonymous)), AppError::Unauthorized);
    // Someone with no role, the team's own lead, a juror: 403.
    let stranger = app.person("Orang Lain", "lain@salatiga.go.id").await;
    let juror = app
        .person_with_role("Juri Satu", "juri@kemenpan.go.id", SLUG, Role::Juror)
        .await;
    for who in [&stranger, &lead, &juror] {
        let response = who.offer_team_support(team).await;
        assert_eq!(refusal(&who.location(&response)), AppError::Forbidden);
    }
    // A mentor of another competition: 403 for this competition's team.
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    admin
        .done(
            "/kelola",
            "/api/create_competition",
            &[
                ("new_title_id", "Hackathon Data Lain"),
                ("new_title_en", "Another Data Hackathon"),
                ("new_slug", "hackathon-lain"),
                ("new_kind", "hackathon"),
            ],
        )
        .await;
    let elsewhere = app
        .person_with_role(
            "Dr. Lain",
            "lain@untan.ac.id",
            "hackathon-lain",
            Role::Mentor,
        )
        .await;
    let response = elsewhere.offer_team_support(team).await;
    assert_eq!(refusal(&elsewhere.location(&response)), AppError::Forbidden);
    // Nothing was stored, and the lead was told nothing.
    assert!(team_supporter::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .is_none());

    // A real offer exists; a stranger answering it is refused (403), and it still waits.
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;
    mentor.expect_done(&mentor.offer_team_support(team).await);
    let offer = link(&app, team, "wulan@uksw.ac.id").await;
    let response = stranger
        .answer_support_offer(team, offer.id, "accept")
        .await;
    assert_eq!(refusal(&stranger.location(&response)), AppError::Forbidden);
    let response = app
        .new_browser()
        .answer_support_offer(team, offer.id, "accept")
        .await;
    assert_eq!(refusal(&app.location(&response)), AppError::Unauthorized);
    assert_eq!(
        link(&app, team, "wulan@uksw.ac.id").await.status,
        RequestStatus::Requested
    );
}
both_databases!(
    offer_refusals,
    only_a_mentor_or_partner_of_the_teams_competition_offers
);
