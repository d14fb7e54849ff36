//! The final ranking (`/kelola/{slug}/hasil-akhir`): each judged stage's weight, set
//! before judging opens (equal when none were saved), and the finalists ranked by the
//! weighted mean of their stage scores (`final_rank`). The finalists are those a
//! shortlist named for the final, else every entry of the last judged stage with entries.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::audit::{self, Entry as AuditEntry};
use super::final_rank::{self, FinalRow, Finalist};
use super::queries::{entries, managed, Entry};
use super::standings::{compute as compute_stage, ranked_value, Computed};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::{final_weight, proposal};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// The final ranking as computed from what is stored now.
pub struct Finals {
    /// Judged stages with a rubric, with their weights (percent; equal when `default`).
    pub weights: Vec<(Stage, i32)>,
    pub default: bool,
    pub from: Option<Stage>,
    pub finalists: Vec<Entry>,
    /// Each weighted stage's ranking.
    pub stages: Vec<(Stage, Computed)>,
    pub rows: Vec<FinalRow>,
}

impl Finals {
    /// Finalists without a score in a weighted stage.
    pub fn missing(&self) -> usize {
        self.rows.iter().filter(|r| r.total_milli.is_none()).count()
    }
}

/// The judged stages with a rubric, each with its saved weight; equal weights (which do
/// not need to add up to 100: the mean is weighted) when none were saved.
pub async fn weights(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<(Vec<(Stage, i32)>, bool), AppError> {
    let mut stages = Vec::new();
    for stage in Stage::JUDGED {
        if !super::settings::criteria(db, competition_id, stage)
            .await?
            .is_empty()
        {
            stages.push(stage);
        }
    }
    let saved: HashMap<Stage, i32> = final_weight::Entity::find()
        .filter(final_weight::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.stage, w.weight))
        .collect();
    if saved.is_empty() {
        let n = stages.len().max(1) as i32;
        let share = 100 / n;
        let count = stages.len();
        return Ok((
            stages
                .into_iter()
                .enumerate()
                // The last takes what rounding leaves, so the shown weights add up to 100.
                .map(|(i, s)| {
                    (
                        s,
                        if i + 1 == count {
                            100 - share * (n - 1)
                        } else {
                            share
                        },
                    )
                })
                .collect(),
            true,
        ));
    }
    Ok((
        stages
            .into_iter()
            .map(|s| (s, saved.get(&s).copied().unwrap_or(0)))
            .collect(),
        false,
    ))
}

/// Computes the final ranking.
pub async fn compute(db: &impl ConnectionTrait, competition_id: i32) -> Result<Finals, AppError> {
    let (weights, default) = weights(db, competition_id).await?;
    let mut from = None;
    let mut finalists = entries(db, competition_id, Some(Stage::Results)).await?;
    if !finalists.is_empty() {
        from = Some(Stage::Results);
    } else {
        for stage in Stage::JUDGED.into_iter().rev() {
            let list = entries(db, competition_id, Some(stage)).await?;
            if !list.is_empty() {
                from = Some(stage);
                finalists = list;
                break;
            }
        }
    }
    // A weighted stage nobody entered (no field verification this year, say) does not
    // count: the mean is weighted over the stages the finalists went through.
    let mut stages = Vec::new();
    for &(stage, weight) in &weights {
        if weight > 0 {
            let computed = compute_stage(db, competition_id, stage).await?;
            if !computed.entries.is_empty() {
                stages.push((stage, computed));
            }
        }
    }
    let counted: Vec<(Stage, i32)> = weights
        .iter()
        .copied()
        .filter(|(s, _)| stages.iter().any(|(c, _)| c == s))
        .collect();
    let submitted_at: HashMap<i32, i64> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(finalists.iter().map(|e| e.proposal_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                p.submitted_at.map_or(i64::MAX, |t| t.timestamp_micros()),
            )
        })
        .collect();
    let input: Vec<Finalist> = finalists
        .iter()
        .map(|e| Finalist {
            proposal_id: e.proposal_id,
            submitted_at_micros: submitted_at
                .get(&e.proposal_id)
                .copied()
                .unwrap_or(i64::MAX),
            scores: stages
                .iter()
                .map(|(stage, c)| {
                    (
                        *stage,
                        c.rows
                            .iter()
                            .find(|r| r.proposal_id == e.proposal_id)
                            .and_then(|r| ranked_value(&c.settings, r)),
                    )
                })
                .collect(),
        })
        .collect();
    let rows = final_rank::combine(&counted, &input);
    Ok(Finals {
        weights,
        default,
        from,
        finalists,
        stages,
        rows,
    })
}

/// Whether judging has opened on any judged stage: the weights are fixed from then on.
pub async fn weights_locked(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<bool, AppError> {
    for stage in Stage::JUDGED {
        if super::settings::scoring_opened(db, competition_id, stage).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Saves the weights (`weight-{stage code}` fields: whole percents adding up to 100),
/// refused once judging has opened; on the record.
#[tracing::instrument(skip(db, by, form))]
pub async fn save_weights(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    form: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let (current, _) = weights(db, competition.id).await?;
    let mut errors = FieldErrors::new();
    let mut asked = Vec::new();
    for (stage, _) in &current {
        let field = format!("weight-{}", stage.code());
        let text = form.get(stage.code()).map(|s| s.trim()).unwrap_or_default();
        errors.keep(&field, text);
        match text.parse::<i32>() {
            Ok(w) if (0..=100).contains(&w) => asked.push((*stage, w)),
            _ => errors.add(&field, Key::ResultsErrorWeight),
        }
    }
    if current.is_empty() {
        errors.add("weights", Key::ResultsErrorNoRubric);
    } else if !errors.has_errors() && asked.iter().map(|(_, w)| w).sum::<i32>() != 100 {
        errors.add("weights", Key::ResultsErrorWeightSum);
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    if weights_locked(&txn, competition.id).await? {
        return Err(AppError::field("weights", Key::ResultsErrorWeightsLocked));
    }
    let (before, _) = weights(&txn, competition.id).await?;
    if before == asked {
        txn.commit().await?;
        return Ok(());
    }
    final_weight::Entity::delete_many()
        .filter(final_weight::Column::CompetitionId.eq(competition.id))
        .exec(&txn)
        .await?;
    let now = audit::now();
    for (stage, weight) in &asked {
        final_weight::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(*stage),
            weight: Set(*weight),
            set_by: Set(Some(user.id)),
            set_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let describe = |w: &[(Stage, i32)]| {
        w.iter()
            .map(|(s, w)| format!("{}={w}", s.code()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "final_weights_set",
            subject: "final".to_string(),
            before: describe(&before),
            after: describe(&asked),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
