//! Saving a competition's prizes and partner organizations. Reading them is
//! `competitions::queries::{prizes, partners}`. A prize keeps its row when it is renamed or
//! moved.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::read::editable;
use super::rows::{self, plan, MAX_PARTNERS};
use crate::accounts::CurrentUser;
use crate::entities::{competition_partner, prize};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the prizes (rows `prizes_0_name_id` and so on) and the partner organizations
/// (named exactly as registered, one per line).
#[tracing::instrument(skip(db, by, prize_fields, partner_text))]
pub async fn save_prizes_partners(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    prize_fields: &HashMap<String, String>,
    partner_text: &str,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("partners", partner_text);
    let prizes = rows::prizes(prize_fields, "prizes", &mut errors);
    let mut partner_ids: Vec<i32> = Vec::new();
    let names: Vec<&str> = partner_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if names.len() > MAX_PARTNERS {
        errors.add("partners", Key::SetupErrorPartnerTooMany);
    } else {
        for name in names {
            match crate::organizations::service::find_by_name(db, name).await? {
                Some(org) if !partner_ids.contains(&org.id) => partner_ids.push(org.id),
                Some(_) => {}
                None => {
                    errors.add("partners", Key::SetupErrorPartnerUnknown);
                    break;
                }
            }
        }
    }
    let Some(prizes) = prizes else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let txn = crate::db::begin_write(db).await?;
    let stored: Vec<i32> = crate::competitions::queries::prizes(&txn, row.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let plan = plan(&stored, &prizes);
    if !plan.remove.is_empty() {
        prize::Entity::delete_many()
            .filter(prize::Column::Id.is_in(plan.remove))
            .exec(&txn)
            .await?;
    }
    let rows = plan
        .update
        .into_iter()
        .map(|(id, position, p)| (Some(id), position, p))
        .chain(
            plan.insert
                .into_iter()
                .map(|(position, p)| (None, position, p)),
        );
    for (id, position, p) in rows {
        let model = prize::ActiveModel {
            competition_id: Set(row.id),
            position: Set(position as i32),
            name_id: Set(p.name_id),
            name_en: Set(p.name_en),
            reward: Set(p.reward),
            ..Default::default()
        };
        match id {
            Some(id) => {
                let changed = prize::Entity::update_many()
                    .set(model)
                    .filter(prize::Column::Id.eq(id))
                    .filter(prize::Column::CompetitionId.eq(row.id))
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
    competition_partner::Entity::delete_many()
        .filter(competition_partner::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    if !partner_ids.is_empty() {
        competition_partner::Entity::insert_many(partner_ids.into_iter().enumerate().map(
            |(position, organization_id)| competition_partner::ActiveModel {
                competition_id: Set(row.id),
                organization_id: Set(organization_id),
                position: Set(position as i32),
                ..Default::default()
            },
        ))
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
