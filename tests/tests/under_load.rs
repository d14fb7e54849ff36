//! Under load the server keeps its word: twenty people at once doing every kind of write
//! the product has (sign-up and verification, sign-in, role grants, team registration,
//! joining by code, asking and accepting a mentor, autosaves and form saves, comments,
//! eligibility decisions) against one database while the mail worker delivers. Every
//! write must succeed — a busy database makes a request wait, never fail or answer
//! "refused" — and everything acknowledged is stored exactly once.
use std::sync::Arc;

use app::entities::{
    competition_role, eligibility_decision, proposal_comment, proposal_text, team, team_member,
    team_supporter,
};
use sayembara_tests::demo::{self, REGISTER, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const CLIENTS: usize = 20;
const AUTOSAVES: i32 = 5;
const SUMMARY: &str = "Warga mengurus dokumen kependudukan dari rumah.";

/// What every client needs to know about the shared set-up.
struct Shared {
    app: TestApp,
    organizer: TestApp,
    category: String,
    group: String,
    /// A demo team with a submitted proposal, on which organizers decide eligibility.
    submitted_team: String,
}

/// Saves a part through the autosave endpoint (what the editor calls while one types);
/// the version the server acknowledged.
async fn autosave(by: &TestApp, team: i32, part: &str, base: i32, body: &str) -> i32 {
    let response = by.autosave_part(team, part, base, body).await;
    let status = response.status();
    let text = response.text().await.expect("autosave answer");
    assert_eq!(status, 200, "autosave {part} from version {base}: {text}");
    let saved: serde_json::Value = serde_json::from_str(&text).expect("autosave answers JSON");
    saved["version"].as_i64().expect("a version") as i32
}

/// One person's whole journey, with a second member and a mentor of their own.
async fn client(shared: Arc<Shared>, i: usize) {
    let app = &shared.app;
    let lead_email = format!("ketua{i}@salatiga.go.id");
    let member_email = format!("anggota{i}@salatiga.go.id");
    let mentor_email = format!("mentor{i}@uksw.ac.id");
    let lead = app.person(&format!("Ketua {i}"), &lead_email).await;
    let member = app.person(&format!("Anggota {i}"), &member_email).await;
    let mentor = app.person(&format!("Mentor {i}"), &mentor_email).await;

    shared
        .organizer
        .done(
            &format!("/kompetisi/{SLUG}/peran"),
            "/api/grant_role",
            &[("slug", SLUG), ("email", &mentor_email), ("role", "mentor")],
        )
        .await;

    let team_name = format!("Tim Beban {i}");
    lead.done(
        REGISTER,
        "/api/register_team",
        &[
            ("slug", SLUG),
            ("name", &team_name),
            ("agency", "Pemerintah Kota Salatiga"),
            ("region", ""),
            ("category", &shared.category),
            ("group", &shared.group),
        ],
    )
    .await;
    let row = demo::team_named(app, &team_name).await;
    let (team, team_id) = (row.id, row.id.to_string());
    let code = row.join_code.expect("a join code");
    member
        .done(
            &format!("/gabung?kode={code}"),
            "/api/join_team",
            &[("code", &code)],
        )
        .await;

    let mentor_id = demo::user_id(app, &mentor_email).await;
    lead.expect_done(&lead.ask_team_supporter(team, mentor_id).await);
    let request = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the request is stored");
    mentor.expect_done(&mentor.answer_team_supporter(request.id, "accept").await);

    // The lead types the title (autosaves, each from the version the last returned);
    // the member saves the summary through the plain form meanwhile.
    let typing = async {
        let mut version = 0;
        for n in 1..=AUTOSAVES {
            let body = format!("Layanan adminduk sekali klik, versi {n}");
            let saved = autosave(&lead, team, "title", version, &body).await;
            assert_eq!(saved, version + 1, "no lost or doubled save");
            version = saved;
        }
    };
    let proposal_page = format!("/tim/{team_id}/proposal");
    let summary = [
        ("team", team_id.as_str()),
        ("text[summary]", SUMMARY),
        ("base[summary]", "0"),
    ];
    let form = member.done(&proposal_page, "/api/save_proposal", &summary);
    tokio::join!(typing, form);

    mentor
        .done(
            &format!("/tim/{team_id}/proposal"),
            "/api/add_comment",
            &[
                ("team", &team_id),
                ("part", "title"),
                ("body", "Judulnya jelas; sebutkan kotanya."),
            ],
        )
        .await;

    let eligibility = format!("/kelola/{SLUG}/peserta/{}", shared.submitted_team);
    shared
        .organizer
        .done(
            &eligibility,
            "/api/decide_eligibility",
            &[
                ("slug", SLUG),
                ("team", &shared.submitted_team),
                ("decision", "eligible"),
                ("reason", ""),
            ],
        )
        .await;
}

async fn mentor_grants(db: &sea_orm::DatabaseConnection) -> u64 {
    competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(app::authz::Role::Mentor))
        .count(db)
        .await
        .unwrap()
}

/// Titles saved as many times as each client autosaves.
async fn titles_at_last_version(db: &sea_orm::DatabaseConnection) -> u64 {
    proposal_text::Entity::find()
        .filter(proposal_text::Column::Part.eq("title"))
        .filter(proposal_text::Column::Version.eq(AUTOSAVES))
        .count(db)
        .await
        .unwrap()
}

async fn every_write_succeeds_under_concurrency(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app.admin_browser("panitia@sayembara.go.id").await;
    let marelan = demo::team_named(&app, "Tim Marelan Tanggap").await;
    demo::submitted_proposal(&app, &marelan, "2023-01-10").await;
    let submitted_team = marelan.id.to_string();
    let teams_before = team::Entity::find().count(&app.db).await.unwrap();
    let mentors_before = mentor_grants(&app.db).await;
    let titles_before = titles_at_last_version(&app.db).await;
    let comments_before = proposal_comment::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let decisions_before = eligibility_decision::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let shared = Arc::new(Shared {
        category: demo::option_id(&app, "category").await,
        group: demo::option_id(&app, "group").await,
        app,
        organizer,
        submitted_team,
    });

    let clients: Vec<_> = (0..CLIENTS)
        .map(|i| tokio::spawn(client(shared.clone(), i)))
        .collect();
    let mut failures = Vec::new();
    for (i, handle) in clients.into_iter().enumerate() {
        if let Err(err) = handle.await {
            let message = err
                .try_into_panic()
                .ok()
                .and_then(|p| {
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                })
                .unwrap_or_else(|| "cancelled".to_string());
            failures.push(format!("client {i}: {message}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {CLIENTS} clients failed:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Everything acknowledged is there, once.
    let db = &shared.app.db;
    let clients = CLIENTS as u64;
    assert_eq!(
        team::Entity::find().count(db).await.unwrap(),
        teams_before + clients
    );
    for i in 0..CLIENTS {
        let row = demo::team_named(&shared.app, &format!("Tim Beban {i}")).await;
        let members = team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(row.id))
            .count(db)
            .await
            .unwrap();
        assert_eq!(members, 2, "team {i}: the lead and the member who joined");
    }
    assert_eq!(
        mentor_grants(db).await,
        mentors_before + clients,
        "one grant per mentor"
    );
    assert_eq!(
        titles_at_last_version(db).await,
        titles_before + clients,
        "every title at its last version"
    );
    assert_eq!(
        proposal_text::Entity::find()
            .filter(proposal_text::Column::Part.eq("summary"))
            .filter(proposal_text::Column::Body.eq(SUMMARY))
            .count(db)
            .await
            .unwrap(),
        clients,
        "every summary saved through the form"
    );
    assert_eq!(
        proposal_comment::Entity::find().count(db).await.unwrap(),
        comments_before + clients
    );
    assert_eq!(
        eligibility_decision::Entity::find()
            .count(db)
            .await
            .unwrap(),
        decisions_before + clients
    );
}
both_databases!(
    twenty_clients_writing_at_once,
    every_write_succeeds_under_concurrency
);

/// The cause of the suite's old flakiness, pinned down: on SQLite a transaction that reads
/// and then writes fails at once (`SQLITE_BUSY`, which the busy timeout cannot help) when
/// another connection wrote in between — unless it began as a writer, which is what
/// `app::db::begin_write` does for every transaction in the product.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_sqlite_a_transaction_that_reads_then_writes_waits_instead_of_failing() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let database = sayembara_tests::TestDatabase::new(Backend::Sqlite).await;
    let db = server::db::connect_and_migrate(&database.url)
        .await
        .unwrap();
    db.execute_unprepared("CREATE TABLE tally (n INTEGER NOT NULL)")
        .await
        .unwrap();
    let read = "SELECT COUNT(*) FROM tally";
    let write = "INSERT INTO tally (n) VALUES (1)";

    // A plain (deferred) transaction: it reads, another connection writes, its own write
    // fails — the "refused" the permission test used to report.
    let txn = db.begin().await.unwrap();
    txn.execute_unprepared(read).await.unwrap();
    db.execute_unprepared(write).await.unwrap();
    let err = txn
        .execute_unprepared(write)
        .await
        .expect_err("a stale reader cannot become a writer");
    assert!(
        err.to_string().contains("locked") || err.to_string().contains("busy"),
        "{err}"
    );
    txn.rollback().await.unwrap();

    // The product's way: the other writer waits for the commit, and both writes land.
    let txn = app::db::begin_write(&db).await.unwrap();
    txn.execute_unprepared(read).await.unwrap();
    let other = tokio::spawn({
        let db = db.clone();
        async move { db.execute_unprepared(write).await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    txn.execute_unprepared(write).await.unwrap();
    txn.commit().await.unwrap();
    other
        .await
        .unwrap()
        .expect("the other writer waited its turn");
    let rows = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            read,
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(rows, 3);
}
