//! Saving the proposal template every team of a competition answers.
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::lines::parse_template;
use super::read::editable;
use crate::accounts::CurrentUser;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the proposal template: line n replaces section n (texts written for it stay
/// attached), extra lines add sections, missing lines remove them. Refused once a
/// proposal has been submitted, so every team answers the same questions.
#[tracing::instrument(skip(db, by, text))]
pub async fn save_template(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    text: &str,
) -> Result<(), AppError> {
    use crate::entities::{proposal, proposal_section};
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("template", text);
    let sections = errors.check("template", parse_template(text));
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
    let existing = crate::proposals::queries::template(db, row.id).await?;
    let txn = crate::db::begin_write(db).await?;
    for old in existing.iter().skip(sections.len()) {
        proposal_section::Entity::delete_by_id(old.id)
            .exec(&txn)
            .await?;
    }
    for (position, line) in sections.into_iter().enumerate() {
        match existing.get(position) {
            Some(old) => {
                let mut update: proposal_section::ActiveModel = old.clone().into();
                update.title_id = Set(line.title_id);
                update.title_en = Set(line.title_en);
                update.word_limit = Set(line.word_limit);
                update.update(&txn).await?;
            }
            None => {
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
        }
    }
    txn.commit().await?;
    Ok(())
}
