//! Administrative selection as a stage: the organizer sees how many submitted proposals
//! passed, failed or wait for a decision, and closes it once every one is decided. Closing
//! puts the proposals that passed into desk evaluation (`stage_entry`), tells every team
//! its outcome (the reason for those that did not pass), and is on the record. After it,
//! eligibility decisions are final (`dashboard::service::decide` refuses new ones).
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::audit::{self, Entry};
use super::{EntrySource, SelectionView};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::{
    competition_stage, eligibility_decision, judging_stage, proposal, stage_entry, team,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::proposals::ProposalStatus;

/// The field closing errors are shown at.
pub const FIELD: &str = "close";

/// Whether the competition's administrative selection is closed (then its decisions are
/// final).
pub async fn is_closed(db: &impl ConnectionTrait, competition_id: i32) -> Result<bool, AppError> {
    Ok(closed_row(db, competition_id).await?.is_some())
}

async fn closed_row(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Option<judging_stage::Model>, AppError> {
    Ok(judging_stage::Entity::find()
        .filter(judging_stage::Column::CompetitionId.eq(competition_id))
        .filter(judging_stage::Column::Stage.eq(Stage::AdministrativeSelection))
        .filter(judging_stage::Column::ClosedAt.is_not_null())
        .one(db)
        .await?)
}

/// Each submitted proposal with its standing decision (`None`: undecided).
async fn outcomes(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<(proposal::Model, Option<eligibility_decision::Model>)>, AppError> {
    let submitted = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(competition_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Submitted))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let mut newest: HashMap<i32, eligibility_decision::Model> = HashMap::new();
    for d in eligibility_decision::Entity::find()
        .filter(eligibility_decision::Column::ProposalId.is_in(submitted.iter().map(|p| p.id)))
        .order_by_asc(eligibility_decision::Column::DecidedAt)
        .order_by_asc(eligibility_decision::Column::Id)
        .all(db)
        .await?
    {
        newest.insert(d.proposal_id, d);
    }
    Ok(submitted
        .into_iter()
        .map(|p| {
            let d = newest.remove(&p.id);
            (p, d)
        })
        .collect())
}

/// The counts and standing the overview shows.
pub async fn view(db: &DatabaseConnection, competition_id: i32) -> Result<SelectionView, AppError> {
    let outcomes = outcomes(db, competition_id).await?;
    let count = |want: Option<bool>| {
        outcomes
            .iter()
            .filter(|(_, d)| d.as_ref().map(|d| d.eligible) == want)
            .count()
    };
    let closed = match closed_row(db, competition_id).await? {
        Some(row) => {
            let names = super::queries::names(db, row.closed_by).await?;
            row.closed_at.map(|at| {
                (
                    row.closed_by
                        .and_then(|id| names.get(&id).cloned())
                        .unwrap_or_default(),
                    at,
                )
            })
        }
        None => None,
    };
    Ok(SelectionView {
        submitted: outcomes.len(),
        eligible: count(Some(true)),
        ineligible: count(Some(false)),
        undecided: count(None),
        closed,
    })
}

/// Closes administrative selection (see the module's comment). Refused, at the button,
/// while submission runs, with nothing submitted, with any proposal undecided, or when it
/// is closed already.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn close(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let (competition, user) = super::queries::managed(db, by, slug).await?;
    let now = audit::now();
    let submission_runs = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .one(db)
        .await?
        .is_some_and(|s| s.ends_at > now);
    if submission_runs {
        return Err(AppError::field(FIELD, Key::JudgingErrorSubmissionRuns));
    }
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    if closed_row(&txn, competition.id).await?.is_some() {
        return Err(AppError::field(FIELD, Key::JudgingErrorSelectionClosed));
    }
    let outcomes = outcomes(&txn, competition.id).await?;
    let mut errors = FieldErrors::new();
    if outcomes.is_empty() {
        errors.add(FIELD, Key::JudgingErrorNothingSubmitted);
    } else if outcomes.iter().any(|(_, d)| d.is_none()) {
        errors.add(FIELD, Key::JudgingErrorUndecided);
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    judging_stage::ActiveModel {
        competition_id: Set(competition.id),
        stage: Set(Stage::AdministrativeSelection),
        closed_at: Set(Some(now)),
        closed_by: Set(Some(user.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut passed = Vec::new();
    let mut failed = Vec::new();
    for (proposal, decision) in &outcomes {
        let Some(decision) = decision else { continue };
        let team = team::Entity::find_by_id(proposal.team_id)
            .one(&txn)
            .await?
            .ok_or(AppError::Internal)?;
        if decision.eligible {
            passed.push(team.id);
            stage_entry::ActiveModel {
                competition_id: Set(competition.id),
                stage: Set(Stage::DeskEvaluation),
                proposal_id: Set(proposal.id),
                source: Set(EntrySource::Selection),
                added_by: Set(Some(user.id)),
                added_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        } else {
            failed.push(team.id);
        }
        let body = if decision.eligible {
            Key::MailSelectionPassedBody
        } else {
            Key::MailSelectionFailedBody
        };
        for person in crate::teams::queries::members(&txn, team.id).await? {
            let lang = Lang::parse(&person.lang).unwrap_or_default();
            crate::mail::service::enqueue(
                &txn,
                &person.email,
                lang,
                Key::MailSelectionSubject,
                body,
                &[
                    ("name", &person.name),
                    ("team", &team.name),
                    (
                        "competition",
                        lang.pick(&competition.title_id, &competition.title_en),
                    ),
                    ("stage", lang.text(Stage::DeskEvaluation.label())),
                    ("reason", &decision.reason),
                    ("link", &format!("{base_url}/tim/{}/proposal", team.id)),
                ],
            )
            .await?;
        }
    }
    let list = |ids: &[i32]| {
        ids.iter()
            .map(|id| format!("tim:{id}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        Entry {
            kind: "selection_closed",
            subject: Stage::AdministrativeSelection.code().to_string(),
            before: String::new(),
            after: format!("passed={}; failed={}", list(&passed), list(&failed)),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `/kelola/{slug}/penilaian`: selection's counts, each judged stage's entries and
/// assignments, the jurors, and whether the record still verifies, with its newest rows.
pub async fn overview(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<super::JudgingOverview, AppError> {
    let (competition, _) = super::queries::managed(db, by, slug).await?;
    let mut stages = Vec::new();
    for stage in Stage::JUDGED {
        stages.push(super::StageSummary {
            stage,
            entries: super::queries::entries(db, competition.id, Some(stage))
                .await?
                .len(),
            assignments: super::assignments::active(db, competition.id, stage)
                .await?
                .len(),
        });
    }
    Ok(super::JudgingOverview {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        selection: view(db, competition.id).await?,
        stages,
        jurors: super::queries::jurors(db, competition.id).await?.len(),
        chain: audit::verify(db, competition.id).await?,
        recent: audit::lines(db, competition.id, None, Some(20)).await?,
    })
}
