//! A competition's timeline: saving each stage's dates, and starting or ending a stage
//! now instead of at its planned date, recorded with who did it (`stage_event`).
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::fields::{parse_local, stage_field_name};
use super::read::editable;
use crate::accounts::CurrentUser;
use crate::competitions::notices::{self, NoticeKind};
use crate::competitions::{Stage, StageAction, StagePhase};
use crate::entities::{competition, competition_stage, stage_event};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the timeline: each stage either undated or with a start before its end, and no
/// stage starting before an earlier one. Registration's end is the registration deadline.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_timeline(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let mut dated = Vec::new();
    for stage in Stage::ALL {
        let (start_key, end_key) = (
            stage_field_name(stage, false),
            stage_field_name(stage, true),
        );
        let starts = fields
            .get(&start_key)
            .map(String::as_str)
            .unwrap_or("")
            .trim();
        let ends = fields
            .get(&end_key)
            .map(String::as_str)
            .unwrap_or("")
            .trim();
        errors.keep(&start_key, starts);
        errors.keep(&end_key, ends);
        match (starts.is_empty(), ends.is_empty()) {
            (true, true) => continue,
            (true, false) => errors.add(&start_key, Key::SetupErrorDateMissing),
            (false, true) => errors.add(&end_key, Key::SetupErrorDateMissing),
            (false, false) => {
                let starts_at = errors.check(&start_key, parse_local(starts));
                let ends_at = errors.check(&end_key, parse_local(ends));
                if let (Some(starts_at), Some(ends_at)) = (starts_at, ends_at) {
                    if ends_at <= starts_at {
                        errors.add(&end_key, Key::SetupErrorDateOrder);
                    } else {
                        dated.push((stage, starts_at, ends_at));
                    }
                }
            }
        }
    }
    for pair in dated.windows(2) {
        if pair[1].1 < pair[0].1 {
            errors.add(
                &stage_field_name(pair[1].0, false),
                Key::SetupErrorStageOrder,
            );
        }
    }
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    competition_stage::Entity::delete_many()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    if let Some((_, _, ends)) = dated.iter().find(|(s, _, _)| *s == Stage::Registration) {
        let mut update: competition::ActiveModel = row.clone().into();
        update.registration_closes_at = Set(*ends);
        update.update(&txn).await?;
    }
    let rows: Vec<competition_stage::ActiveModel> = dated
        .into_iter()
        .map(
            |(stage, starts_at, ends_at)| competition_stage::ActiveModel {
                competition_id: Set(row.id),
                stage: Set(stage),
                starts_at: Set(starts_at),
                ends_at: Set(ends_at),
                ..Default::default()
            },
        )
        .collect();
    if !rows.is_empty() {
        competition_stage::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Starts an upcoming stage now, or ends a running one now, instead of at its planned
/// date; the change is recorded with who made it and the date it replaced. Ending
/// registration also closes team registration. The people the stage's opening or closing
/// concerns are told in the same transaction (`competitions::notices`).
#[tracing::instrument(skip(db, by, base_url))]
pub async fn change_stage(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: Stage,
    action: StageAction,
    base_url: &str,
) -> Result<(), AppError> {
    let (row, by) = editable(db, by, slug).await?;
    let end = action == StageAction::End;
    let field = stage_field_name(stage, end);
    let timeline = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .all(db)
        .await?;
    let dated = timeline
        .iter()
        .find(|s| s.stage == stage)
        .ok_or_else(|| AppError::field(&field, Key::SetupErrorStageUndated))?
        .clone();
    let now = Utc::now();
    let phase = StagePhase::at(dated.starts_at, dated.ends_at, now);
    let expected = if end {
        StagePhase::Running
    } else {
        StagePhase::Upcoming
    };
    if phase != expected {
        return Err(AppError::field(&field, Key::SetupErrorStageState));
    }
    // Starting now must not put this stage before a stage that comes earlier.
    if !end
        && timeline
            .iter()
            .any(|s| s.stage < stage && s.starts_at > now)
    {
        return Err(AppError::field(&field, Key::SetupErrorStageOrder));
    }
    let planned_at = if end { dated.ends_at } else { dated.starts_at };
    let txn = crate::db::begin_write(db).await?;
    let mut update: competition_stage::ActiveModel = dated.into();
    if end {
        update.ends_at = Set(now);
    } else {
        update.starts_at = Set(now);
    }
    let changed = update.update(&txn).await?;
    if end && stage == Stage::Registration {
        let mut competition: competition::ActiveModel = row.clone().into();
        competition.registration_closes_at = Set(now);
        competition.update(&txn).await?;
    }
    stage_event::ActiveModel {
        competition_id: Set(row.id),
        stage: Set(stage),
        action: Set(action),
        planned_at: Set(planned_at),
        at: Set(now),
        by_user_id: Set(Some(by.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let kind = if end {
        NoticeKind::Closed
    } else {
        NoticeKind::Opened
    };
    notices::tell_now(&txn, &row, &changed, kind, base_url).await?;
    txn.commit().await?;
    Ok(())
}
