//! People are told, in their own language: a role granted, a proposal submitted (every
//! member), an eligibility decision with its reason (every member), and, from the periodic
//! job, a stage opening or closing and the day-ahead deadline reminder, each exactly once
//! however often and however many instances run it. Reminders can be turned off on the
//! profile; decisions cannot. Black-box on both databases.
use app::competitions::notices::send_due;
use app::competitions::Stage;
use app::entities::{competition_stage, mail_outbox, proposal_section, stage_notice, user_account};
use chrono::{Duration, Utc};
use sayembara_tests::demo::{competition as demo, submitted_proposal, team_named, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

/// The address the test server names in its links (`Settings::for_test`).
const BASE: &str = "http://127.0.0.1";

/// A new browser whose account was made (and so is mailed) in English.
async fn english_person(app: &TestApp, name: &str, email: &str) -> TestApp {
    let browser = app.new_browser();
    browser.choose_language("en", "/").await;
    browser.signed_in(name, email).await;
    browser
}

/// Every mail to `email`, newest first.
async fn mails(app: &TestApp, email: &str) -> Vec<mail_outbox::Model> {
    app::mail::service::for_recipient(&app.db, email)
        .await
        .unwrap()
}

/// The mails to `email` whose subject contains `subject`.
async fn mails_about(app: &TestApp, email: &str, subject: &str) -> Vec<mail_outbox::Model> {
    mails(app, email)
        .await
        .into_iter()
        .filter(|m| m.subject.contains(subject))
        .collect()
}

struct Team {
    id: i32,
    lead: TestApp,
    member: TestApp,
}

/// A team in the demo competition: an Indonesian lead and an English member.
async fn team(app: &TestApp, name: &str, lead: &str, member: &str) -> Team {
    let lead_browser = app.person("Rina Ketua", lead).await;
    lead_browser
        .register_team(name, "Pemerintah Kota Salatiga", "")
        .await;
    let row = team_named(app, name).await;
    let member_browser = english_person(app, "Budi Member", member).await;
    member_browser
        .join_team(row.join_code.as_deref().unwrap())
        .await;
    Team {
        id: row.id,
        lead: lead_browser,
        member: member_browser,
    }
}

/// Dates a stage of the demo competition.
async fn date_stage(
    app: &TestApp,
    stage: Stage,
    starts: chrono::DateTime<Utc>,
    ends: chrono::DateTime<Utc>,
) {
    competition_stage::Entity::update_many()
        .col_expr(competition_stage::Column::StartsAt, Expr::value(starts))
        .col_expr(competition_stage::Column::EndsAt, Expr::value(ends))
        .filter(competition_stage::Column::CompetitionId.eq(demo(app).await.id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .exec(&app.db)
        .await
        .unwrap();
}

/// Runs the periodic job as two instances do, at the same moment (two connection pools
/// on the one database), then once more; what each run queued.
async fn job_twice_at_once_and_again(app: &TestApp, other: &DatabaseConnection) -> u64 {
    let (a, b) = tokio::join!(send_due(&app.db, BASE), send_due(other, BASE));
    let again = send_due(&app.db, BASE).await.unwrap();
    a.unwrap() + b.unwrap() + again
}

/// Whether the profile page shows the reminders box ticked.
fn reminders_ticked(page: &str) -> bool {
    let at = page
        .find("id=\"field-reminders\"")
        .expect("the reminders box");
    let start = page[..at].rfind("<input").unwrap();
    let end = at + page[at..].find('>').unwrap();
    page[start..end].contains(" checked")
}

async fn a_role_granted_is_mailed_in_the_holders_language(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role(
            "Panitia",
            "panitia@pemkot.go.id",
            SLUG,
            app::authz::Role::Organizer,
        )
        .await;
    app.person("Dosen Pendamping", "dosen@uksw.ac.id").await;
    english_person(&app, "Jane Juror", "jane@uksw.ac.id").await;

    organizer.expect_done(
        &organizer
            .grant_role(SLUG, "dosen@uksw.ac.id", "mentor")
            .await,
    );
    organizer.expect_done(&organizer.grant_role(SLUG, "jane@uksw.ac.id", "juror").await);

    let mail = app.last_mail_to("dosen@uksw.ac.id").await;
    assert_eq!(mail.lang, "id");
    assert_eq!(
        mail.subject,
        "Anda kini memegang peran Pendamping dalam Kompetisi Inovasi Pelayanan Publik Daerah 2027"
    );
    assert!(mail.body.contains("Halo Dosen Pendamping"), "{}", mail.body);
    assert!(
        mail.body.contains("Panitia menetapkan Anda"),
        "{}",
        mail.body
    );
    assert!(
        mail.body.contains(&format!("{BASE}/kompetisi/{SLUG}")),
        "{}",
        mail.body
    );
    let mail = app.last_mail_to("jane@uksw.ac.id").await;
    assert_eq!(mail.lang, "en");
    assert_eq!(
        mail.subject,
        "You now have the Juror role in Regional Public Service Innovation Competition 2027"
    );
    assert!(mail.body.contains("Hello Jane Juror"), "{}", mail.body);

    // Granting a role held already changes nothing and says nothing again.
    organizer.expect_done(&organizer.grant_role(SLUG, "jane@uksw.ac.id", "juror").await);
    assert_eq!(mails_about(&app, "jane@uksw.ac.id", "Juror").await.len(), 1);
}
both_databases!(
    role_granted,
    a_role_granted_is_mailed_in_the_holders_language
);

async fn a_submitted_proposal_is_mailed_to_every_member(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team(
        &app,
        "Tim Kabar",
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
    )
    .await;
    let now = Utc::now();
    date_stage(
        &app,
        Stage::Submission,
        now - Duration::days(3),
        now + Duration::days(10),
    )
    .await;
    // The proposal page writes the template in on first use.
    let (status, _) = team.lead.page(&format!("/tim/{}/proposal", team.id)).await;
    assert_eq!(status, 200);
    let sections = proposal_section::Entity::find()
        .filter(proposal_section::Column::CompetitionId.eq(demo(&app).await.id))
        .all(&app.db)
        .await
        .unwrap();
    let mut fields: Vec<(String, String)> = vec![
        ("text[title]".into(), "Kabar Layanan Sekali Klik".into()),
        ("base[title]".into(), "0".into()),
        (
            "text[summary]".into(),
            "Warga mengurus dokumen dari rumah.".into(),
        ),
        ("base[summary]".into(), "0".into()),
        ("text[links]".into(), "https://youtube.com/watch?v=x".into()),
        ("base[links]".into(), "0".into()),
        ("sdg[16]".into(), "on".into()),
        ("started_on".into(), "2024-01-15".into()),
        ("meta_version".into(), "0".into()),
    ];
    for section in &sections {
        fields.push((format!("text[section-{}]", section.id), "Cukup.".into()));
        fields.push((format!("base[section-{}]", section.id), "0".into()));
    }
    let (location, _) = team.member.save_proposal(team.id, &fields).await;
    sayembara_tests::assert_no_error(&location);
    assert!(mails_about(&app, "budi@salatiga.go.id", "submitted")
        .await
        .is_empty());

    let (location, _) = team.lead.submit_proposal(team.id).await;
    assert_eq!(
        location,
        format!("/tim/{}/proposal?tersimpan=dikirim", team.id)
    );
    let link = format!("{BASE}/tim/{}/proposal", team.id);
    let lead_mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert_eq!(lead_mail.subject, "Proposal tim Tim Kabar terkirim");
    assert!(lead_mail.body.contains("Kabar Layanan Sekali Klik"));
    assert!(lead_mail.body.contains(&link), "{}", lead_mail.body);
    let member_mail = app.last_mail_to("budi@salatiga.go.id").await;
    assert_eq!(member_mail.lang, "en");
    assert_eq!(
        member_mail.subject,
        "The proposal of Tim Kabar was submitted"
    );
    assert!(
        member_mail
            .body
            .contains("Rina Ketua submitted the proposal of team Tim Kabar"),
        "{}",
        member_mail.body
    );
    assert!(member_mail.body.contains(&link));

    // Submitting again (a second click) changes nothing and mails nothing.
    team.lead.submit_proposal(team.id).await;
    assert_eq!(
        mails_about(&app, "budi@salatiga.go.id", "was submitted")
            .await
            .len(),
        1
    );
}
both_databases!(submitted, a_submitted_proposal_is_mailed_to_every_member);

/// An organizer decides on the team's proposal (`eligible` or `ineligible`).
async fn decide(organizer: &TestApp, team: i32, decision: &str, reason: &str) {
    let team = team.to_string();
    organizer
        .done(
            &format!("/kelola/{SLUG}/peserta/{team}"),
            "/api/decide_eligibility",
            &[
                ("slug", SLUG),
                ("team", &team),
                ("decision", decision),
                ("reason", reason),
            ],
        )
        .await;
}

async fn an_eligibility_decision_is_mailed_with_its_reason(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.admin_browser("panitia@sayembara.go.id").await;
    let team = team(
        &app,
        "Tim Kabar",
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
    )
    .await;
    submitted_proposal(&app, &team_named(&app, "Tim Kabar").await, "2023-01-10").await;

    decide(
        &organizer,
        team.id,
        "ineligible",
        "Inovasi belum berjalan dua tahun.",
    )
    .await;
    let link = format!("{BASE}/tim/{}/proposal", team.id);
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert_eq!(
        mail.subject,
        "Keputusan seleksi administrasi untuk tim Tim Kabar"
    );
    assert!(mail.body.contains("tidak memenuhi syarat"), "{}", mail.body);
    assert!(mail
        .body
        .contains("Alasan: Inovasi belum berjalan dua tahun."));
    assert!(mail.body.contains(&link));
    let mail = app.last_mail_to("budi@salatiga.go.id").await;
    assert_eq!(mail.lang, "en");
    assert!(mail.body.contains("does not meet"), "{}", mail.body);
    assert!(mail
        .body
        .contains("Reason: Inovasi belum berjalan dua tahun."));

    // A new decision stands, and is told too.
    decide(&organizer, team.id, "eligible", "").await;
    let mail = app.last_mail_to("budi@salatiga.go.id").await;
    assert!(
        mail.body
            .contains("meets the administrative selection requirements"),
        "{}",
        mail.body
    );
    assert!(!mail.body.contains("Reason"));
    assert_eq!(
        mails_about(&app, "rina@salatiga.go.id", "seleksi administrasi")
            .await
            .len(),
        2
    );
    // The same decision again (a second click) is kept but not mailed twice.
    decide(&organizer, team.id, "eligible", "").await;
    assert_eq!(
        mails_about(&app, "rina@salatiga.go.id", "seleksi administrasi")
            .await
            .len(),
        2,
        "a repeated decision is not mailed again"
    );
    // The team reads the standing decision where the mail links to.
    let (_, page) = team
        .member
        .page(&format!("/tim/{}/proposal", team.id))
        .await;
    assert!(page.contains("Eligible") && !page.contains("Not eligible"));
}
both_databases!(
    eligibility,
    an_eligibility_decision_is_mailed_with_its_reason
);

async fn the_periodic_job_tells_each_stage_notice_exactly_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    // A second instance's connections to the same database.
    let other = server::db::connect_and_migrate(&app.database.url)
        .await
        .unwrap();
    let drafting = team(
        &app,
        "Tim Draf",
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
    )
    .await;
    let submitter = app.person("Sari Ketua", "sari@medan.go.id").await;
    submitter
        .register_team("Tim Terkirim", "Pemerintah Kota Salatiga", "")
        .await;
    submitted_proposal(&app, &team_named(&app, "Tim Terkirim").await, "2023-01-10").await;
    let everyone = [
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
        "sari@medan.go.id",
    ];
    let now = Utc::now();

    // The seeded timeline happened long ago or lies ahead: nothing to tell.
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 0);

    // Submission opened an hour ago: every member of every team is told, once.
    date_stage(
        &app,
        Stage::Submission,
        now - Duration::hours(1),
        now + Duration::days(10),
    )
    .await;
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 3);
    for email in everyone {
        let opened = mails_about(&app, email, "Pengumpulan proposal").await;
        let opened_en = mails_about(&app, email, "Proposal submission stage").await;
        assert_eq!(opened.len() + opened_en.len(), 1, "{email}");
    }
    let mail = app.last_mail_to("budi@salatiga.go.id").await;
    assert_eq!(mail.lang, "en");
    assert!(mail.subject.starts_with("The Proposal submission stage of"));
    assert!(mail
        .body
        .contains(&format!("{BASE}/tim/{}/proposal", drafting.id)));
    assert!(
        mail.body.contains(&format!("{BASE}/profil")),
        "{}",
        mail.body
    );

    // A day before the deadline, the team whose proposal is not in is reminded, once;
    // the team that submitted is not.
    date_stage(
        &app,
        Stage::Submission,
        now - Duration::days(10),
        now + Duration::hours(20),
    )
    .await;
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 2);
    let reminder = app.last_mail_to("rina@salatiga.go.id").await;
    assert_eq!(
        reminder.subject,
        "Tinggal sehari: kirim proposal tim Tim Draf"
    );
    assert!(reminder.body.contains("belum dikirim"), "{}", reminder.body);
    assert_eq!(
        app.last_mail_to("budi@salatiga.go.id").await.subject,
        "One day left to submit the proposal of Tim Draf"
    );
    assert!(mails_about(&app, "sari@medan.go.id", "sehari")
        .await
        .is_empty());

    // Registration that closed three days ago is not announced now; one that closed an
    // hour ago is, once, to every member.
    date_stage(
        &app,
        Stage::Registration,
        now - Duration::days(20),
        now - Duration::days(3),
    )
    .await;
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 0);
    date_stage(
        &app,
        Stage::Registration,
        now - Duration::days(20),
        now - Duration::hours(1),
    )
    .await;
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 3);
    for email in everyone {
        assert_eq!(
            mails_about(&app, email, "Pendaftaran").await.len()
                + mails_about(&app, email, "Registration").await.len(),
            1,
            "{email}"
        );
    }
    // Each notice to each person is one row on the record.
    assert_eq!(
        stage_notice::Entity::find().count(&app.db).await.unwrap(),
        8
    );

    // Submission closed: each team is told whether its proposal is in.
    date_stage(
        &app,
        Stage::Submission,
        now - Duration::days(10),
        now - Duration::minutes(5),
    )
    .await;
    assert_eq!(job_twice_at_once_and_again(&app, &other).await, 3);
    assert!(app
        .last_mail_to("sari@medan.go.id")
        .await
        .body
        .contains("sudah terkirim"));
    assert!(app
        .last_mail_to("rina@salatiga.go.id")
        .await
        .body
        .contains("tidak terkirim"));
}
both_databases!(
    stage_notices,
    the_periodic_job_tells_each_stage_notice_exactly_once
);

async fn a_stage_started_early_is_told_at_once_and_only_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.admin_browser("panitia@sayembara.go.id").await;
    team(
        &app,
        "Tim Cepat",
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
    )
    .await;
    // The organizer starts the submission stage now instead of at its date.
    organizer
        .done(
            &format!("/kelola/{SLUG}"),
            "/api/change_stage",
            &[("slug", SLUG), ("stage", "submission"), ("action", "start")],
        )
        .await;
    // Told with the change, before any round of the job.
    assert_eq!(
        mails_about(&app, "rina@salatiga.go.id", "Tahap Pengumpulan proposal")
            .await
            .len(),
        1
    );
    assert_eq!(
        mails_about(&app, "budi@salatiga.go.id", "Proposal submission stage")
            .await
            .len(),
        1
    );
    // The job finds it told.
    assert_eq!(send_due(&app.db, BASE).await.unwrap(), 0);
    assert_eq!(
        stage_notice::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}
both_databases!(
    started_early,
    a_stage_started_early_is_told_at_once_and_only_once
);

async fn reminders_turned_off_stop_reminders_but_not_decisions(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.admin_browser("panitia@sayembara.go.id").await;
    let team = team(
        &app,
        "Tim Sunyi",
        "rina@salatiga.go.id",
        "budi@salatiga.go.id",
    )
    .await;
    let location = team
        .member
        .expect_done(&team.member.set_reminders(false).await);
    assert_eq!(location, "/profil?tersimpan=pengingat#pengingat");

    let now = Utc::now();
    date_stage(
        &app,
        Stage::Submission,
        now - Duration::hours(1),
        now + Duration::hours(20),
    )
    .await;
    // Opened and a day ahead at once: the lead hears both, the member neither.
    assert_eq!(send_due(&app.db, BASE).await.unwrap(), 2);
    assert_eq!(
        mails_about(&app, "rina@salatiga.go.id", "Pengumpulan proposal")
            .await
            .len(),
        1
    );
    assert_eq!(
        mails_about(&app, "rina@salatiga.go.id", "Tinggal sehari")
            .await
            .len(),
        1
    );
    let before = mails(&app, "budi@salatiga.go.id").await.len();
    assert_eq!(send_due(&app.db, BASE).await.unwrap(), 0);
    assert_eq!(mails(&app, "budi@salatiga.go.id").await.len(), before);

    // Decisions still reach them: an eligibility decision, a role.
    submitted_proposal(&app, &team_named(&app, "Tim Sunyi").await, "2023-01-10").await;
    decide(&organizer, team.id, "ineligible", "Dokumen kurang.").await;
    let mail = app.last_mail_to("budi@salatiga.go.id").await;
    assert!(
        mail.body.contains("Reason: Dokumen kurang."),
        "{}",
        mail.body
    );
    organizer.expect_done(
        &organizer
            .grant_role(SLUG, "budi@salatiga.go.id", "partner")
            .await,
    );
    assert!(app
        .last_mail_to("budi@salatiga.go.id")
        .await
        .subject
        .starts_with("You now have the Partner role"));
    assert_eq!(mails(&app, "budi@salatiga.go.id").await.len(), before + 2);
}
both_databases!(
    reminders_off,
    reminders_turned_off_stop_reminders_but_not_decisions
);

async fn the_reminders_box_on_the_profile_keeps_the_choice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let person = app.person("Rina Wulandari", "rina@salatiga.go.id").await;
    let stored = || async {
        user_account::Entity::find()
            .filter(user_account::Column::Email.eq("rina@salatiga.go.id"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .reminders
    };
    let (status, page) = person.page("/profil").await;
    assert_eq!(status, 200);
    assert!(reminders_ticked(&page), "reminders are on by default");
    assert!(stored().await);

    // Unticked (a form leaves the box out): saved, said, and shown unticked.
    let response = person.set_reminders(false).await;
    let (location, page) = person.follow(&response).await;
    assert_eq!(location, "/profil?tersimpan=pengingat#pengingat");
    assert!(page.contains("Pilihan pengingat tersimpan."));
    assert!(!reminders_ticked(&page));
    assert!(!stored().await);

    // Ticked again.
    let response = person.set_reminders(true).await;
    let (_, page) = person.follow(&response).await;
    assert!(reminders_ticked(&page));
    assert!(stored().await);

    // Signed out, nobody's choice changes.
    let stranger = app.new_browser();
    let response = stranger.set_reminders(false).await;
    assert_eq!(
        sayembara_tests::refusal(&stranger.location(&response)),
        app::error::AppError::Unauthorized
    );
    assert!(stored().await);
}
both_databases!(
    profile_checkbox,
    the_reminders_box_on_the_profile_keeps_the_choice
);
