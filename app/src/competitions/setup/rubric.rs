//! Saving the rubric jurors score each judged stage with. Reading it is
//! `competitions::queries::rubric`.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::fields::rubric_field;
use super::lines::parse_criteria;
use super::read::editable;
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::rubric_criterion;
use crate::error::{AppError, FieldErrors};

/// Saves the rubric of every judged stage (`rubric_desk_evaluation` and so on); a stage
/// left empty has no rubric. Every stage's problem is shown at once.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_rubric(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let mut parsed = Vec::new();
    for stage in Stage::JUDGED {
        let field = rubric_field(stage);
        let text = fields.get(&field).map(String::as_str).unwrap_or("");
        errors.keep(&field, text);
        if let Some(criteria) = errors.check(&field, parse_criteria(text)) {
            parsed.push((stage, criteria));
        }
    }
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    rubric_criterion::Entity::delete_many()
        .filter(rubric_criterion::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    let rows: Vec<rubric_criterion::ActiveModel> = parsed
        .into_iter()
        .flat_map(|(stage, criteria)| {
            criteria.into_iter().enumerate().map(move |(position, c)| {
                rubric_criterion::ActiveModel {
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
                }
            })
        })
        .collect();
    if !rows.is_empty() {
        rubric_criterion::Entity::insert_many(rows)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
