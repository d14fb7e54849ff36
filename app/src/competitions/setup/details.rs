//! Saving a competition's details: titles, summaries, descriptions and rules in both
//! languages, kind, team size limits, and its categories and groups (`options`).
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use super::fields::required_text;
use super::read::editable;
use super::rows;
use crate::accounts::CurrentUser;
use crate::competitions::CompetitionKind;
use crate::competitions::OptionKind;
use crate::entities::competition;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 600;
pub const LONG_TEXT_MAX: usize = 20_000;
pub const TEAM_LIMIT: i32 = 20;

/// The details form, as sent.
pub struct DetailsForm {
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub description_id: String,
    pub description_en: String,
    pub rules_id: String,
    pub rules_en: String,
    pub kind: String,
    pub team_min: String,
    pub team_max: String,
    /// The categories' and groups' rows (`categories_0_name_id` and so on).
    pub options: std::collections::HashMap<String, String>,
}

fn optional_text(input: &str) -> Result<String, Key> {
    let text = input.trim();
    if text.chars().count() > LONG_TEXT_MAX {
        Err(Key::SetupErrorTextTooLong)
    } else {
        Ok(text.to_string())
    }
}

fn team_size(input: &str) -> Result<i32, Key> {
    input
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=TEAM_LIMIT).contains(n))
        .ok_or(Key::SetupErrorTeamSize)
}

/// Saves titles, texts, kind, team limits, categories and groups; every problem at once.
#[tracing::instrument(skip(db, by, form))]
pub async fn save_details(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    form: DetailsForm,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("title_id", &form.title_id),
        ("title_en", &form.title_en),
        ("summary_id", &form.summary_id),
        ("summary_en", &form.summary_en),
        ("description_id", &form.description_id),
        ("description_en", &form.description_en),
        ("rules_id", &form.rules_id),
        ("rules_en", &form.rules_en),
        ("kind", &form.kind),
        ("team_min", &form.team_min),
        ("team_max", &form.team_max),
    ] {
        errors.keep(field, value);
    }
    let title = |text: &str| {
        required_text(
            text,
            TITLE_MAX,
            Key::SetupErrorTitleRequired,
            Key::SetupErrorTitleTooLong,
        )
    };
    let summary = |text: &str| {
        required_text(
            text,
            SUMMARY_MAX,
            Key::SetupErrorSummaryRequired,
            Key::SetupErrorSummaryTooLong,
        )
    };
    let title_id = errors.check("title_id", title(&form.title_id));
    let title_en = errors.check("title_en", title(&form.title_en));
    let summary_id = errors.check("summary_id", summary(&form.summary_id));
    let summary_en = errors.check("summary_en", summary(&form.summary_en));
    let description_id = errors.check("description_id", optional_text(&form.description_id));
    let description_en = errors.check("description_en", optional_text(&form.description_en));
    let rules_id = errors.check("rules_id", optional_text(&form.rules_id));
    let rules_en = errors.check("rules_en", optional_text(&form.rules_en));
    let kind = errors.check(
        "kind",
        CompetitionKind::parse(&form.kind).ok_or(Key::SetupErrorKindRequired),
    );
    let team_min = errors.check("team_min", team_size(&form.team_min));
    let team_max = errors.check("team_max", team_size(&form.team_max));
    if let (Some(min), Some(max)) = (team_min, team_max) {
        if min > max {
            errors.add("team_max", Key::SetupErrorTeamOrder);
        }
    }
    let categories = rows::options(&form.options, "categories", &mut errors);
    let groups = rows::options(&form.options, "groups", &mut errors);
    let (
        Some(title_id),
        Some(title_en),
        Some(summary_id),
        Some(summary_en),
        Some(description_id),
        Some(description_en),
        Some(rules_id),
        Some(rules_en),
        Some(kind),
        Some(team_min),
        Some(team_max),
        Some(categories),
        Some(groups),
    ) = (
        title_id,
        title_en,
        summary_id,
        summary_en,
        description_id,
        description_en,
        rules_id,
        rules_en,
        kind,
        team_min,
        team_max,
        categories,
        groups,
    )
    else {
        return Err(AppError::Validation(errors));
    };
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin_write(db).await?;
    let id = row.id;
    let mut row: competition::ActiveModel = row.into();
    row.title_id = Set(title_id);
    row.title_en = Set(title_en);
    row.summary_id = Set(summary_id);
    row.summary_en = Set(summary_en);
    row.description_id = Set(description_id);
    row.description_en = Set(description_en);
    row.rules_id = Set(rules_id);
    row.rules_en = Set(rules_en);
    row.kind = Set(kind);
    row.team_min = Set(team_min);
    row.team_max = Set(team_max);
    row.update(&txn).await?;
    super::options::save(
        &txn,
        id,
        OptionKind::Category,
        "categories",
        &categories,
        &errors,
    )
    .await?;
    super::options::save(&txn, id, OptionKind::Group, "groups", &groups, &errors).await?;
    txn.commit().await?;
    Ok(())
}
