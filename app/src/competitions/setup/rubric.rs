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
    let stored = rubric(&txn, row.id).await?;
    for (stage, criteria) in parsed {
        let ids: Vec<i32> = stored
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, (id, _))| *id)
            .collect();
        let plan = plan(&ids, &criteria.unwrap_or_default());
        if !plan.remove.is_empty() {
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
