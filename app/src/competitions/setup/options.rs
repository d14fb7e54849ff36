//! A competition's categories and groups keep their identity when the details are
//! edited: teams point at them (`team.category_option_id`, `group_option_id`, with a
//! foreign key), so an edit updates rows in place instead of replacing them.
//!
//! Each row of the form carries its stored id: a row with one of this list's ids updates
//! that option (a rename keeps the teams that chose it), a row without one is added, and
//! a stored option no row names is removed. Removing an option a team chose is refused,
//! naming the teams.
use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::rows::plan;
use super::OptionName;
use crate::competitions::OptionKind;
use crate::entities::{competition_option, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves one kind of option inside the details' transaction. A refusal is reported at
/// `field` with everything the form kept (`typed`), so nothing typed is lost.
pub async fn save(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    kind: OptionKind,
    field: &str,
    rows: &[(Option<i32>, OptionName)],
    typed: &FieldErrors,
) -> Result<(), AppError> {
    let stored: Vec<i32> = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .filter(competition_option::Column::Kind.eq(kind))
        .order_by_asc(competition_option::Column::Position)
        .order_by_asc(competition_option::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let plan = plan(&stored, rows);
    if !plan.remove.is_empty() {
        let choosing: BTreeSet<String> = team::Entity::find()
            .filter(
                Condition::any()
                    .add(team::Column::CategoryOptionId.is_in(plan.remove.clone()))
                    .add(team::Column::GroupOptionId.is_in(plan.remove.clone())),
            )
            .order_by_asc(team::Column::Name)
            .all(txn)
            .await?
            .into_iter()
            .map(|t| t.name)
            .collect();
        if !choosing.is_empty() {
            let mut errors = typed.clone();
            errors.add(field, Key::SetupErrorOptionInUse);
            errors.explain(field, &choosing.into_iter().collect::<Vec<_>>().join(", "));
            return Err(AppError::Validation(errors));
        }
        competition_option::Entity::delete_many()
            .filter(competition_option::Column::Id.is_in(plan.remove))
            .exec(txn)
            .await?;
    }
    for (id, position, line) in plan.update {
        let changed = competition_option::Entity::update_many()
            .set(competition_option::ActiveModel {
                position: Set(position as i32),
                name_id: Set(line.id),
                name_en: Set(line.en),
                ..Default::default()
            })
            .filter(competition_option::Column::Id.eq(id))
            .filter(competition_option::Column::CompetitionId.eq(competition_id))
            .filter(competition_option::Column::Kind.eq(kind))
            .exec(txn)
            .await?;
        // Removed meanwhile by another organizer's save: a conflict, nothing half-saved.
        if changed.rows_affected == 0 {
            return Err(AppError::Conflict);
        }
    }
    for (position, line) in plan.insert {
        competition_option::ActiveModel {
            competition_id: Set(competition_id),
            kind: Set(kind),
            position: Set(position as i32),
            name_id: Set(line.id),
            name_en: Set(line.en),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
