//! Saving the proposal template every team of a competition answers.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::read::editable;
use super::rows::{self, plan};
use crate::accounts::CurrentUser;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the proposal template from its rows (`template_0_title_id` and so on): a row
/// keeps its section (and the texts teams wrote for it) through renames and moves, a
/// removed row's section goes, new rows add sections. Refused once a proposal has been
/// submitted, so every team answers the same questions.
#[tracing::instrument(skip(db, by, fields))]
pub async fn save_template(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::entities::{proposal, proposal_section};
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let sections = rows::sections(fields, "template", &mut errors);
    let submitted = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(row.id))
        .filter(proposal::Column::Status.eq(crate::proposals::ProposalStatus::Submitted))
        .one(db)
        .await?
        .is_some();
    if submitted {
        errors.add("template", Key::SetupErrorTemplateLocked);
    }
    let Some(sections) = sections.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let txn = crate::db::begin_write(db).await?;
    let stored: Vec<i32> = crate::proposals::queries::template(&txn, row.id)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let plan = plan(&stored, &sections);
    if !plan.remove.is_empty() {
        proposal_section::Entity::delete_many()
            .filter(proposal_section::Column::Id.is_in(plan.remove))
            .exec(&txn)
            .await?;
    }
    // Places are unique per competition: the kept sections step aside to places no one
    // holds (below zero) while the new ones go in, then take their own.
    let kept: Vec<(i32, usize)> = plan.update.iter().map(|(id, p, _)| (*id, *p)).collect();
    for (id, position, line) in plan.update {
        let changed = proposal_section::Entity::update_many()
            .set(proposal_section::ActiveModel {
                position: Set(-(position as i32) - 1),
                title_id: Set(line.title_id),
                title_en: Set(line.title_en),
                word_limit: Set(line.word_limit),
                ..Default::default()
            })
            .filter(proposal_section::Column::Id.eq(id))
            .filter(proposal_section::Column::CompetitionId.eq(row.id))
            .exec(&txn)
            .await?;
        // Removed meanwhile by another organizer's save: a conflict, nothing half-saved.
        if changed.rows_affected == 0 {
            return Err(AppError::Conflict);
        }
    }
    for (position, line) in plan.insert {
        proposal_section::ActiveModel {
            competition_id: Set(row.id),
            position: Set(position as i32),
            title_id: Set(line.title_id),
            title_en: Set(line.title_en),
            word_limit: Set(line.word_limit),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (id, position) in kept {
        proposal_section::Entity::update_many()
            .col_expr(
                proposal_section::Column::Position,
                sea_orm::sea_query::Expr::value(position as i32),
            )
            .filter(proposal_section::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
