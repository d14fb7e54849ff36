//! Helpers for tests that work on the demo competition: its rows, and the rows tests
//! look up by name.
use app::competitions::Stage;
use app::entities::{
    competition, competition_option, competition_stage, organization, proposal, team,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::TestApp;

pub const SLUG: &str = "kipp-daerah-2027";
pub const REGISTER: &str = "/kompetisi/kipp-daerah-2027/daftar-tim";

/// The demo competition's row.
pub async fn competition(app: &TestApp) -> competition::Model {
    competition::Entity::find()
        .filter(competition::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo competition is seeded")
}

/// The id of the demo competition's first category or group, as the form posts it.
pub async fn option_id(app: &TestApp, kind: &str) -> String {
    let competition = competition(app).await;
    competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition.id))
        .filter(competition_option::Column::Kind.eq(kind))
        .order_by_asc(competition_option::Column::Position)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// The team with this name.
pub async fn team_named(app: &TestApp, name: &str) -> team::Model {
    team::Entity::find()
        .filter(team::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the team is stored")
}

/// The id of the account with this address.
pub async fn user_id(app: &TestApp, email: &str) -> i32 {
    app::entities::user_account::Entity::find()
        .filter(app::entities::user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the account exists")
        .id
}

/// The id of the seeded organization with this name.
pub async fn organization_id(app: &TestApp, name: &str) -> i32 {
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a seeded organization")
        .id
}

/// Gives `team` a submitted proposal directly in the database (its innovation started on
/// `started_on`), for tests about what happens after submission.
pub async fn submitted_proposal(app: &TestApp, team: &team::Model, started_on: &str) {
    let now = chrono::Utc::now();
    proposal::Entity::insert(proposal::ActiveModel {
        team_id: sea_orm::Set(team.id),
        competition_id: sea_orm::Set(team.competition_id),
        status: sea_orm::Set(app::proposals::ProposalStatus::Submitted),
        sdgs: sea_orm::Set("3".into()),
        started_on: sea_orm::Set(Some(started_on.to_string())),
        meta_version: sea_orm::Set(1),
        created_at: sea_orm::Set(now),
        updated_at: sea_orm::Set(now),
        submitted_at: sea_orm::Set(Some(now)),
        withdrawn_at: sea_orm::Set(None),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
}

/// The id of the team's proposal.
pub async fn proposal_id(app: &TestApp, team: i32) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the team has a proposal")
        .id
}

/// Dates a stage of the demo competition: started `started` hours ago (negative: not
/// yet), ending in a day.
pub async fn stage_from(app: &TestApp, stage: Stage, started: i64) {
    let competition = competition(app).await;
    let now = chrono::Utc::now();
    let updated = competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::StartsAt,
            Expr::value(now - chrono::Duration::hours(started)),
        )
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(now + chrono::Duration::hours(24)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(stage))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(updated.rows_affected, 1, "{stage:?} is dated in the demo");
}

/// Ends the demo competition's submission stage an hour ago.
pub async fn submission_over(app: &TestApp) {
    let competition = competition(app).await;
    competition_stage::Entity::update_many()
        .col_expr(
            competition_stage::Column::EndsAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::hours(1)),
        )
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
}
