//! Saving a competition's prizes and partner organizations. Reading them is
//! `competitions::queries::{prizes, partners}`.
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::lines::{parse_prizes, MAX_PARTNERS};
use super::read::editable;
use crate::accounts::CurrentUser;
use crate::entities::{competition_partner, prize};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// Saves the prizes and the partner organizations (named exactly as registered).
#[tracing::instrument(skip(db, by, prize_text, partner_text))]
pub async fn save_prizes_partners(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    prize_text: &str,
    partner_text: &str,
) -> Result<(), AppError> {
    let (row, _) = editable(db, by, slug).await?;
    let mut errors = FieldErrors::new();
    errors.keep("prizes", prize_text);
    errors.keep("partners", partner_text);
    let prizes = errors.check("prizes", parse_prizes(prize_text));
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
    prize::Entity::delete_many()
        .filter(prize::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    competition_partner::Entity::delete_many()
        .filter(competition_partner::Column::CompetitionId.eq(row.id))
        .exec(&txn)
        .await?;
    if !prizes.is_empty() {
        prize::Entity::insert_many(prizes.into_iter().enumerate().map(|(position, p)| {
            prize::ActiveModel {
                competition_id: Set(row.id),
                position: Set(position as i32),
                name_id: Set(p.name_id),
                name_en: Set(p.name_en),
                reward: Set(p.reward),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
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
