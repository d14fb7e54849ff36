//! Publishing a frozen result: the placings become `award` rows (winner, runners-up,
//! honourable mentions, the other finalists; the eligibility rule for later competitions
//! reads them), every member of every team that submitted a proposal is mailed, and each
//! team can read its own breakdown (`/tim/{id}/hasil`): per stage its rank, scores per
//! criterion, normalised total and the jurors' comments for the team, numbered, never
//! named. Publishing is refused while the frozen result does not verify.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::audit::{self, Entry as AuditEntry};
use super::finals::compute;
use super::freeze::{frozen_row, verify};
use super::queries::managed;
use super::standings::compute as compute_stage;
use super::{AwardKind, SheetState, StageBreakdown, TeamResults};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::{award, proposal, result_freeze, score_sheet, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// The most runners-up or honourable mentions.
const PLACES_LIMIT: i32 = 20;

/// Publishes the frozen result (see the module's comment). Refused, at `publish`, when it
/// is not frozen, already published, or does not verify.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn publish(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    runners_up: &str,
    honourable: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("runners_up", runners_up);
    errors.keep("honourable", honourable);
    let number = |text: &str| {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (0..=PLACES_LIMIT).contains(n))
    };
    let (r, h) = (number(runners_up), number(honourable));
    if r.is_none() {
        errors.add("runners_up", Key::ResultsErrorPlaces);
    }
    if h.is_none() {
        errors.add("honourable", Key::ResultsErrorPlaces);
    }
    let (Some(r), Some(h)) = (r, h) else {
        return Err(AppError::Validation(errors));
    };
    let txn = crate::db::begin_write(db).await?;
    audit::lock_any(&txn, competition.id).await?;
    let field = |key| AppError::field("publish", key);
    let Some(row) = frozen_row(&txn, competition.id).await? else {
        return Err(field(Key::ResultsErrorNotFrozen));
    };
    if row.published_at.is_some() {
        return Err(field(Key::ResultsErrorPublished));
    }
    if !verify(&txn, &competition, &row).await?.ok() {
        return Err(field(Key::ResultsErrorUnverified));
    }
    let finals = compute(&txn, competition.id).await?;
    let now = audit::now();
    let teams: HashMap<i32, &team::Model> = finals
        .finalists
        .iter()
        .map(|e| (e.proposal_id, &e.team))
        .collect();
    let mut placed: HashMap<i32, (AwardKind, Option<i32>, usize)> = HashMap::new();
    for final_row in &finals.rows {
        let Some(team) = teams.get(&final_row.proposal_id) else {
            continue;
        };
        let (kind, place) = super::final_rank::placing(final_row.rank, r, h);
        award::ActiveModel {
            competition_id: Set(competition.id),
            team_id: Set(team.id),
            organization_id: Set(team.organization_id),
            title: Set(kind.title(Lang::Id, place)),
            awarded_at: Set(now),
            kind: Set(kind),
            place: Set(place),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        placed.insert(team.id, (kind, place, final_row.rank));
    }
    result_freeze::ActiveModel {
        id: Set(row.id),
        published_by: Set(Some(user.id)),
        published_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    // Every team that submitted a proposal hears how it ended.
    let submitted: Vec<proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(competition.id))
        .filter(proposal::Column::Status.eq(crate::proposals::ProposalStatus::Submitted))
        .order_by_asc(proposal::Column::Id)
        .all(&txn)
        .await?;
    let mut mailed = 0;
    for p in &submitted {
        let Some(team) = team::Entity::find_by_id(p.team_id).one(&txn).await? else {
            continue;
        };
        for person in crate::teams::queries::members(&txn, team.id).await? {
            let lang = Lang::parse(&person.lang).unwrap_or_default();
            let (body, placing) = match placed.get(&team.id) {
                Some((kind, place, rank)) => (
                    Key::MailResultsPlacedBody,
                    lang.format(
                        Key::ResultsPlacingOf,
                        &[
                            ("title", &kind.title(lang, *place)),
                            ("rank", &rank.to_string()),
                            ("count", &finals.rows.len().to_string()),
                        ],
                    ),
                ),
                None => (Key::MailResultsBody, String::new()),
            };
            crate::mail::service::enqueue(
                &txn,
                &person.email,
                lang,
                Key::MailResultsSubject,
                body,
                &[
                    ("name", &person.name),
                    ("team", &team.name),
                    (
                        "competition",
                        lang.pick(&competition.title_id, &competition.title_en),
                    ),
                    ("placing", &placing),
                    ("link", &format!("{base_url}/tim/{}/hasil", team.id)),
                    ("results", &format!("{base_url}/kompetisi/{slug}/hasil")),
                ],
            )
            .await?;
            mailed += 1;
        }
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "results_published",
            subject: "final".to_string(),
            before: format!("sha256={}", row.hash),
            after: format!(
                "runners_up={r}; honourable={h}; awards={}; mails={mailed}",
                finals.rows.len()
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A team's published result (`/tim/{id}/hasil`): for anyone who reads the team (its
/// members, supporters and organizers); strangers are refused. Before publication it says
/// so and shows nothing.
pub async fn team_results(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    lang: Lang,
) -> Result<TeamResults, AppError> {
    let access = crate::authz::team::team_access(db, by, team_id)
        .await?
        .reader()?;
    let competition = access.competition;
    let team = access.team;
    let mut out = TeamResults {
        team_id: team.id,
        team: team.name.clone(),
        competition: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        slug: competition.slug.clone(),
        published: false,
        final_rank: None,
        finalists: 0,
        total_milli: None,
        award: None,
        stages: Vec::new(),
        slots: Vec::new(),
    };
    let Some(proposal) = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team.id))
        .one(db)
        .await?
    else {
        return Ok(out);
    };
    out.slots = super::slots::of_proposal(db, proposal.id)
        .await?
        .into_iter()
        .map(|s| (s.stage, s.starts_at, s.minutes, s.place))
        .collect();
    if !published(db, competition.id).await? {
        return Ok(out);
    }
    out.published = true;
    let finals = compute(db, competition.id).await?;
    out.finalists = finals.rows.len();
    if let Some(row) = finals.rows.iter().find(|r| r.proposal_id == proposal.id) {
        out.final_rank = Some(row.rank);
        out.total_milli = row.total_milli;
    }
    out.award = award::Entity::find()
        .filter(award::Column::CompetitionId.eq(competition.id))
        .filter(award::Column::TeamId.eq(team.id))
        .one(db)
        .await?
        .map(|a| (a.kind, a.place));
    for stage in Stage::JUDGED {
        let computed = compute_stage(db, competition.id, stage).await?;
        let Some(row) = computed.rows.iter().find(|r| r.proposal_id == proposal.id) else {
            continue;
        };
        let criteria = computed
            .criteria
            .iter()
            .filter_map(|c| {
                let mean = row
                    .criterion_means_milli
                    .iter()
                    .find(|(id, _)| *id == c.id)?
                    .1;
                Some((
                    lang.pick(&c.name_id, &c.name_en).to_string(),
                    mean,
                    c.scale_min,
                    c.scale_max,
                ))
            })
            .collect();
        let counted: Vec<i32> = computed
            .counted
            .iter()
            .filter(|s| s.proposal_id == proposal.id)
            .map(|s| s.id)
            .collect();
        let comments: Vec<String> = score_sheet::Entity::find()
            .filter(score_sheet::Column::Id.is_in(counted))
            .filter(score_sheet::Column::State.eq(SheetState::Submitted))
            .order_by_asc(score_sheet::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.comment_team)
            .filter(|c| !c.trim().is_empty())
            .collect();
        out.stages.push(StageBreakdown {
            stage,
            rank: Some(row.rank),
            of: computed.rows.len(),
            raw_mean_milli: row.raw_mean_milli,
            normalised_milli: row.normalised_milli,
            criteria,
            comments,
        });
    }
    Ok(out)
}

/// Whether the competition's results are published.
pub async fn published(db: &impl ConnectionTrait, competition_id: i32) -> Result<bool, AppError> {
    Ok(frozen_row(db, competition_id)
        .await?
        .is_some_and(|r| r.published_at.is_some()))
}
