//! Saving the rubric jurors score each judged stage with. Reading it is
//! `competitions::queries::rubric`. Each criterion keeps its row (and id) when it is
//! renamed, reweighted or moved, so what refers to it later (scores) stays attached.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::fields::rubric_field;
use super::read::editable;
use super::rows::{self, plan};
use crate::accounts::CurrentUser;
use crate::competitions::queries::rubric;
use crate::competitions::Stage;
use crate::entities::rubric_criterion;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the rubric of every judged stage from its rows (`rubric_desk_evaluation_0_weight`
/// and so on); a stage left empty has no rubric. Every stage's problems are shown at once.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_rubric(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let parsed: Vec<_> = Stage::JUDGED
        .into_iter()
        .map(|stage| {
            (
                stage,
                rows::criteria(fields, &rubric_field(stage), &mut errors),
            )
        })
        .collect();
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    // Judging's lock first: a juror's first save committing now is seen below.
    crate::judging::audit::lock(&txn, row.id).await?;
    let stored = rubric(&txn, row.id).await?;
    for (stage, criteria) in parsed {
        let ids: Vec<i32> = stored
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, (id, _))| *id)
            .collect();
        let plan = plan(&ids, &criteria.unwrap_or_default());
        // Once scoring opened on a stage, its criteria and their weights and scales stay
        // (names and descriptions may still be corrected).
        let scored = crate::judging::settings::scoring_opened(&txn, row.id, stage).await?;
        let reshaped = !plan.remove.is_empty()
            || !plan.insert.is_empty()
            || plan.update.iter().any(|(id, _, c)| {
                stored.iter().any(|(_, (sid, old))| {
                    sid == id
                        && (old.weight != c.weight
                            || old.scale_min != c.scale_min
                            || old.scale_max != c.scale_max)
                })
            });
        if scored && reshaped {
            return Err(AppError::field(
                &rubric_field(stage),
                Key::JudgingErrorRubricScored,
            ));
        }
        // The stages the final ranking weighs are fixed with its weights: once judging
        // opened anywhere, a stage neither gains nor loses its whole rubric.
        let had = !ids.is_empty();
        let has = !plan.update.is_empty() || !plan.insert.is_empty();
        if had != has && crate::judging::finals::weights_locked(&txn, row.id).await? {
            return Err(AppError::field(
                &rubric_field(stage),
                Key::ResultsErrorRubricWeighed,
            ));
        }
        if !plan.remove.is_empty() {
            // A removed criterion no longer breaks ties.
            crate::entities::judging_stage::Entity::update_many()
                .col_expr(
                    crate::entities::judging_stage::Column::TieCriterionId,
                    sea_orm::sea_query::Expr::value(Option::<i32>::None),
                )
                .filter(crate::entities::judging_stage::Column::CompetitionId.eq(row.id))
                .filter(
                    crate::entities::judging_stage::Column::TieCriterionId
                        .is_in(plan.remove.clone()),
                )
                .exec(&txn)
                .await?;
            rubric_criterion::Entity::delete_many()
                .filter(rubric_criterion::Column::Id.is_in(plan.remove))
                .exec(&txn)
                .await?;
        }
        let rows = plan
            .update
            .into_iter()
            .map(|(id, position, c)| (Some(id), position, c))
            .chain(plan.insert.into_iter().map(|(p, c)| (None, p, c)));
        for (id, position, c) in rows {
            let model = rubric_criterion::ActiveModel {
                competition_id: Set(row.id),
                stage: Set(stage),
                position: Set(position as i32),
                name_id: Set(c.name_id),
                name_en: Set(c.name_en),
                description_id: Set(c.description_id),
                description_en: Set(c.description_en),
                weight: Set(c.weight),
                scale_min: Set(c.scale_min),
                scale_max: Set(c.scale_max),
                ..Default::default()
            };
            match id {
                // Only this competition's stage's row; gone meanwhile (another organizer's
                // save): a conflict, nothing half-saved.
                Some(id) => {
                    let changed = rubric_criterion::Entity::update_many()
                        .set(model)
                        .filter(rubric_criterion::Column::Id.eq(id))
                        .filter(rubric_criterion::Column::CompetitionId.eq(row.id))
                        .filter(rubric_criterion::Column::Stage.eq(stage))
                        .exec(&txn)
                        .await?;
                    if changed.rows_affected == 0 {
                        return Err(AppError::Conflict);
                    }
                }
                None => {
                    model.insert(&txn).await?;
                }
            }
        }
    }
    txn.commit().await?;
    Ok(())
}
