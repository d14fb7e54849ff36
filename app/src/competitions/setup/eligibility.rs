//! Saving who may enter a competition: kinds of organization, months the innovation has
//! run, earlier wins allowed.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use super::fields::parse_count;
use super::read::editable;
use super::Eligibility;
use crate::accounts::CurrentUser;
use crate::entities::competition;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;
use crate::organizations::OrganizationKind;

/// Saves who may enter. At least one kind of organization; months from 0 to 120 (empty:
/// 0); earlier wins from 0 to 50 (empty: no limit).
#[tracing::instrument(skip(db, by, kinds))]
pub async fn save_eligibility(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    kinds: &HashMap<String, String>,
    min_months_running: &str,
    max_earlier_wins: &str,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    let chosen: Vec<OrganizationKind> = OrganizationKind::ALL
        .into_iter()
        .filter(|k| kinds.contains_key(k.code()))
        .collect();
    errors.keep("eligible", &Eligibility::kinds_to_codes(&chosen));
    errors.keep("min_months_running", min_months_running);
    errors.keep("max_earlier_wins", max_earlier_wins);
    if chosen.is_empty() {
        errors.add("eligible", Key::SetupErrorKindsRequired);
    }
    let months = errors.check(
        "min_months_running",
        parse_count(min_months_running, 0..=120, Key::SetupErrorMonths),
    );
    let wins = errors.check(
        "max_earlier_wins",
        parse_count(max_earlier_wins, 0..=50, Key::SetupErrorWins),
    );
    let (Some(months), Some(wins)) = (months, wins) else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let mut row: competition::ActiveModel = row.into();
    row.eligible_kinds = Set(Eligibility::kinds_to_codes(&chosen));
    row.min_months_running = Set(months.unwrap_or(0));
    row.max_earlier_wins = Set(wins);
    row.update(db).await?;
    Ok(())
}
