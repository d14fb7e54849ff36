//! A competition's categories and groups keep their identity when the details are
//! edited: teams point at them (`team.category_option_id`, `group_option_id`, with a
//! foreign key), so an edit updates rows in place instead of replacing them.
//!
//! Lines are matched to the stored options first by their Indonesian name (any case), so
//! an option moved up or down keeps its id; the lines left over take the options left
//! over in order, which is a rename; what is still left is removed, or added. Removing
//! an option a team chose is refused, naming the teams.
use std::collections::BTreeSet;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::OptionName;
use crate::competitions::OptionKind;
use crate::entities::{competition_option, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// What saving `lines` over the stored options does.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// (stored id, new position, new names)
    pub update: Vec<(i32, usize, OptionName)>,
    /// (position, names)
    pub insert: Vec<(usize, OptionName)>,
    pub remove: Vec<i32>,
}

/// `stored`: (id, Indonesian name) in their current order.
pub fn plan(stored: &[(i32, String)], lines: &[OptionName]) -> Plan {
    let mut taken = vec![false; stored.len()];
    let mut matched: Vec<Option<i32>> = lines
        .iter()
        .map(|line| {
            let found = stored.iter().enumerate().position(|(i, (_, name))| {
                !taken[i] && name.trim().eq_ignore_ascii_case(line.id.trim())
            })?;
            taken[found] = true;
            Some(stored[found].0)
        })
        .collect();
    let mut left = stored
        .iter()
        .enumerate()
        .filter(|(i, _)| !taken[*i])
        .map(|(_, (id, _))| *id);
    for slot in matched.iter_mut().filter(|m| m.is_none()) {
        *slot = left.next();
    }
    let remove = left.collect();
    let mut plan = Plan {
        remove,
        ..Plan::default()
    };
    for (position, (line, id)) in lines.iter().zip(matched).enumerate() {
        match id {
            Some(id) => plan.update.push((id, position, line.clone())),
            None => plan.insert.push((position, line.clone())),
        }
    }
    plan
}

/// Saves one kind of option inside the details' transaction. A refusal is reported at
/// `field` with everything the form kept (`typed`), so nothing typed is lost.
pub async fn save(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    kind: OptionKind,
    field: &str,
    lines: &[OptionName],
    typed: &FieldErrors,
) -> Result<(), AppError> {
    let stored: Vec<(i32, String)> = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .filter(competition_option::Column::Kind.eq(kind))
        .order_by_asc(competition_option::Column::Position)
        .order_by_asc(competition_option::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name_id))
        .collect();
    let plan = plan(&stored, lines);
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
        competition_option::ActiveModel {
            id: Set(id),
            position: Set(position as i32),
            name_id: Set(line.id),
            name_en: Set(line.en),
            ..Default::default()
        }
        .update(txn)
        .await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str) -> OptionName {
        OptionName {
            id: id.to_string(),
            en: id.to_string(),
        }
    }

    fn stored(names: &[&str]) -> Vec<(i32, String)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i32 + 1, n.to_string()))
            .collect()
    }

    #[test]
    fn moved_lines_keep_their_ids() {
        let plan = plan(&stored(&["Desa", "Kota"]), &[line("kota"), line("Desa")]);
        assert_eq!(
            plan.update.iter().map(|u| (u.0, u.1)).collect::<Vec<_>>(),
            vec![(2, 0), (1, 1)]
        );
        assert!(plan.insert.is_empty() && plan.remove.is_empty());
    }

    #[test]
    fn a_changed_line_is_a_rename_and_the_rest_add_or_remove() {
        let renamed = plan(
            &stored(&["Desa", "Kota", "Pusat"]),
            &[line("Desa"), line("Kabupaten")],
        );
        assert_eq!(renamed.update[1].0, 2, "Kabupaten takes Kota's id");
        assert_eq!(renamed.remove, vec![3]);
        let added = plan(&stored(&["Desa"]), &[line("Desa"), line("Kota")]);
        assert_eq!(added.insert, vec![(1, line("Kota"))]);
    }
}
