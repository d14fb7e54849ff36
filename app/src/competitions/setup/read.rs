//! A competition's whole set-up read back into its forms' text (with the record of stage
//! changes), for its organizers, and the check every set-up writer passes first
//! (`editable`).
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::fields::format_local;
use super::{CompetitionSetup, Criterion, Eligibility, SectionLine, StageChange, StageDates};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::Action;
use crate::competitions::queries::{by_slug, options, partners, prizes, rubric};
use crate::competitions::{OptionKind, Stage, StagePhase};
use crate::entities::{competition, competition_stage, stage_event, user_account};
use crate::error::AppError;

/// The competition with this slug, if `by` may set it up.
pub(super) async fn editable(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(competition::Model, CurrentUser), AppError> {
    let row = by_slug(db, slug).await?;
    let by = authorize(
        db,
        by,
        Action::EditCompetition {
            competition_id: row.id,
        },
    )
    .await?;
    Ok((row, by))
}

/// Everything the setup page shows, for the competition's organizers.
pub async fn setup(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<CompetitionSetup, AppError> {
    let (row, _) = editable(db, by, slug).await?;
    setup_of(db, row).await
}

/// Everything the set-up forms show of a competition (no permission check: callers did).
pub(crate) async fn setup_of(
    db: &DatabaseConnection,
    row: competition::Model,
) -> Result<CompetitionSetup, AppError> {
    let dated: HashMap<Stage, competition_stage::Model> = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.stage, s))
        .collect();
    let required = row.kind.required_stages();
    let now = Utc::now();
    let changes = stage_changes(db, row.id).await?;
    let criteria = rubric(db, row.id).await?;
    let rubric = Stage::JUDGED
        .into_iter()
        .map(|stage| {
            let of_stage: Vec<(i32, Criterion)> = criteria
                .iter()
                .filter(|(s, _)| *s == stage)
                .map(|(_, c)| c.clone())
                .collect();
            (stage, of_stage)
        })
        .collect();
    let prizes = prizes(db, row.id).await?;
    let template = crate::proposals::queries::template(db, row.id)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                SectionLine {
                    title_id: s.title_id,
                    title_en: s.title_en,
                    word_limit: s.word_limit,
                },
            )
        })
        .collect();
    let partners = partners(db, row.id)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect::<Vec<_>>()
        .join("\n");
    let stages = Stage::ALL
        .into_iter()
        .map(|stage| StageDates {
            phase: dated
                .get(&stage)
                .map(|s| StagePhase::at(s.starts_at, s.ends_at, now)),
            stage,
            starts: dated
                .get(&stage)
                .map(|s| format_local(s.starts_at))
                .unwrap_or_default(),
            ends: dated
                .get(&stage)
                .map(|s| format_local(s.ends_at))
                .unwrap_or_default(),
            required: required.contains(&stage),
        })
        .collect();
    Ok(CompetitionSetup {
        categories: options(db, row.id, OptionKind::Category).await?,
        groups: options(db, row.id, OptionKind::Group).await?,
        stages,
        changes,
        eligibility: Eligibility {
            kinds: Eligibility::kinds_from_codes(&row.eligible_kinds),
            min_months_running: row.min_months_running,
            max_earlier_wins: row.max_earlier_wins,
        },
        rubric,
        prizes,
        partners,
        template,
        slug: row.slug,
        status: row.status,
        kind: row.kind,
        title_id: row.title_id,
        title_en: row.title_en,
        summary_id: row.summary_id,
        summary_en: row.summary_en,
        description_id: row.description_id,
        description_en: row.description_en,
        rules_id: row.rules_id,
        rules_en: row.rules_en,
        team_min: row.team_min,
        team_max: row.team_max,
    })
}

/// The competition's explicit stage changes, newest first, with who made them.
async fn stage_changes(
    db: &DatabaseConnection,
    competition_id: i32,
) -> Result<Vec<StageChange>, AppError> {
    let rows = stage_event::Entity::find()
        .filter(stage_event::Column::CompetitionId.eq(competition_id))
        .order_by_desc(stage_event::Column::At)
        .order_by_desc(stage_event::Column::Id)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(event, user)| StageChange {
            stage: event.stage,
            action: event.action,
            planned_at: event.planned_at,
            at: event.at,
            by: user.map(|u| u.name),
        })
        .collect())
}
