//! Publishing a draft: what a competition must have before the public sees it.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use super::fields::stage_field_name;
use super::read::setup;
use crate::accounts::CurrentUser;
use crate::competitions::queries::by_slug;
use crate::competitions::{CompetitionStatus, Stage};
use crate::entities::competition;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Publishes a complete draft. Every missing piece is reported at once, at its field.
#[tracing::instrument(skip(db, by))]
pub async fn publish(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(), AppError> {
    let current = setup(db, by, slug).await?;
    let row = by_slug(db, slug).await?;
    let mut errors = FieldErrors::new();
    if current.summary_id.is_empty() {
        errors.add("summary_id", Key::SetupErrorSummaryRequired);
    }
    if current.summary_en.is_empty() {
        errors.add("summary_en", Key::SetupErrorSummaryRequired);
    }
    if current.description_id.is_empty() {
        errors.add("description_id", Key::SetupErrorDescriptionRequired);
    }
    if current.description_en.is_empty() {
        errors.add("description_en", Key::SetupErrorDescriptionRequired);
    }
    if current.categories.is_empty() {
        errors.add("categories", Key::SetupErrorCategoriesRequired);
    }
    for stage in &current.stages {
        if stage.required && stage.starts.is_empty() {
            errors.add(
                &stage_field_name(stage.stage, false),
                Key::SetupErrorStageRequired,
            );
        }
    }
    let registration_open = current
        .stages
        .iter()
        .find(|s| s.stage == Stage::Registration && !s.ends.is_empty())
        .is_none_or(|_| row.registration_closes_at > Utc::now());
    if !registration_open {
        errors.add(
            &stage_field_name(Stage::Registration, true),
            Key::SetupErrorRegistrationPast,
        );
    }
    errors.finish()?;
    if row.status == CompetitionStatus::Published {
        return Ok(());
    }
    let mut row: competition::ActiveModel = row.into();
    row.status = Set(CompetitionStatus::Published);
    row.published_at = Set(Some(Utc::now()));
    row.update(db).await?;
    Ok(())
}
