//! `make bench` (scripts/bench.sh): score sheets submitted at once, on the real server
//! (release build) with its own database: SQLite, and PostgreSQL when
//! `TEST_POSTGRES_URL` is set.
//!
//! 1,000 submitted proposals pass selection; 60 jurors are assigned three to a proposal
//! (3,000 sheets); desk evaluation opens; then every juror submits all their sheets, 60
//! jurors at once, each sheet a full form post. Printed: sheets per second, p50/p95/p99
//! latency, and the count of submitted sheets in the database afterwards, which must be
//! every acknowledged one (0 lost).
use std::time::{Duration, Instant};

use app::authz::Role;
use app::competitions::Stage;
use app::entities::{assignment, eligibility_decision, rubric_criterion, score_sheet, team};
use sayembara_tests::demo::{self, SLUG};
use sayembara_tests::{Backend, Outcome, TestApp};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const PROPOSALS: usize = 1_000;
const JURORS: usize = 60;

async fn run(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role("Panitia", "panitia.bench@uji.go.id", SLUG, Role::Organizer)
        .await;
    let competition = demo::competition(&app).await;
    let agency = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let now = chrono::Utc::now();
    for n in 0..PROPOSALS {
        let name = format!("Tim Bangku {n}");
        let row = team::ActiveModel {
            competition_id: Set(competition.id),
            organization_id: Set(agency),
            name: Set(name.clone()),
            name_key: Set(name.to_lowercase()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        demo::submitted_proposal(&app, &row, "2024-01-01").await;
        eligibility_decision::ActiveModel {
            proposal_id: Set(demo::proposal_id(&app, row.id).await),
            eligible: Set(true),
            reason: Set(String::new()),
            decided_by: Set(None),
            decided_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    demo::submission_over(&app).await;
    demo::stage_from(&app, Stage::DeskEvaluation, -2).await;
    organizer.close_selection().await;
    let mut jurors = Vec::new();
    for n in 0..JURORS {
        let email = format!("juri.bench{n}@uji.go.id");
        let juror = app
            .person_with_role("Juri", &email, SLUG, Role::Juror)
            .await;
        jurors.push((demo::user_id(&app, &email).await, juror));
    }
    let load = (PROPOSALS * 3).div_ceil(JURORS) + 5;
    organizer.run_assignment("3", &load.to_string(), "1").await;
    demo::stage_from(&app, Stage::DeskEvaluation, 1).await;
    let criteria: Vec<i32> = rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::Stage.eq(Stage::DeskEvaluation))
        .filter(rubric_criterion::Column::CompetitionId.eq(competition.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::Active.eq(true))
        .all(&app.db)
        .await
        .unwrap();
    println!(
        "{backend:?}: {} proposals, {} jurors, {} sheets to submit",
        PROPOSALS,
        JURORS,
        assignments.len()
    );

    let started = Instant::now();
    let mut tasks = Vec::new();
    for (juror_id, juror) in jurors {
        let mine: Vec<i32> = assignments
            .iter()
            .filter(|a| a.juror_id == juror_id)
            .map(|a| a.id)
            .collect();
        let criteria = criteria.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut acknowledged = 0usize;
            for (n, id) in mine.into_iter().enumerate() {
                let value = (1 + (n % 10)).to_string();
                let scores: Vec<(i32, &str)> =
                    criteria.iter().map(|c| (*c, value.as_str())).collect();
                let t = Instant::now();
                let response = juror.score(id, 0, &scores, "", "submit").await;
                latencies.push(t.elapsed());
                if matches!(juror.outcome(&response), Outcome::Done(_)) {
                    acknowledged += 1;
                }
            }
            (latencies, acknowledged)
        }));
    }
    let mut latencies: Vec<Duration> = Vec::new();
    let mut acknowledged = 0;
    for task in tasks {
        let (l, a) = task.await.unwrap();
        latencies.extend(l);
        acknowledged += a;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let stored = score_sheet::Entity::find()
        .filter(score_sheet::Column::State.eq(app::judging::SheetState::Submitted))
        .count(&app.db)
        .await
        .unwrap();
    println!(
        "{backend:?}: {} submits in {:.2} s = {:.0} per second; p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms; acknowledged {acknowledged}, stored {stored}, lost {}",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.95).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        acknowledged.saturating_sub(stored as usize)
    );
}

#[tokio::main]
async fn main() {
    run(Backend::Sqlite).await;
    if sayembara_tests::postgres_url().is_some() {
        run(Backend::Postgres).await;
    } else {
        println!("(PostgreSQL run skipped: set TEST_POSTGRES_URL)");
    }
}
