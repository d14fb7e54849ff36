//! The person's side: asking to join an organization, and leaving it.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use super::{change, find, record, MAX_AFFILIATIONS};
use crate::entities::{affiliation, organization};
use crate::error::AppError;
use crate::i18n::Key;
use crate::organizations::AffiliationStatus;

/// The person asks to join (nothing changes while a request is open or they belong).
/// Also what sign-up does with the organization typed there.
#[tracing::instrument(skip(db))]
pub async fn request(
    db: &impl ConnectionTrait,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    organization::Entity::find_by_id(organization_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = find(db, user_id, organization_id).await?;
    if existing.as_ref().is_some_and(|a| {
        matches!(
            a.status,
            AffiliationStatus::Requested | AffiliationStatus::Approved
        )
    }) {
        return Ok(());
    }
    let open = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(
            affiliation::Column::Status
                .is_in([AffiliationStatus::Requested, AffiliationStatus::Approved]),
        )
        .count(db)
        .await?;
    if open >= MAX_AFFILIATIONS {
        return Err(AppError::field(
            "organization",
            Key::OrganizationsErrorTooMany,
        ));
    }
    match existing {
        Some(row) => {
            let from = [AffiliationStatus::Refused, AffiliationStatus::Removed];
            change(
                db,
                &row,
                &from,
                AffiliationStatus::Requested,
                false,
                None,
                "requested",
                Some(user_id),
            )
            .await?;
        }
        None => {
            affiliation::ActiveModel {
                user_id: Set(user_id),
                organization_id: Set(organization_id),
                created_at: Set(Utc::now()),
                status: Set(AffiliationStatus::Requested),
                is_admin: Set(false),
                decided_by: Set(None),
                decided_at: Set(None),
                confirmed_nip: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            record(
                db,
                organization_id,
                user_id,
                "requested",
                None,
                Some(AffiliationStatus::Requested),
                None,
                Some(user_id),
            )
            .await?;
        }
    }
    Ok(())
}

/// [`request`] in its own transaction (from the profile).
pub async fn ask(
    db: &DatabaseConnection,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    request(&txn, user_id, organization_id).await?;
    txn.commit().await?;
    Ok(())
}

/// The person leaves (or withdraws a request); the record keeps that they did.
#[tracing::instrument(skip(db))]
pub async fn leave(
    db: &DatabaseConnection,
    user_id: i32,
    organization_id: i32,
) -> Result<(), AppError> {
    let Some(row) = find(db, user_id, organization_id).await? else {
        return Ok(());
    };
    let from = [AffiliationStatus::Requested, AffiliationStatus::Approved];
    let txn = crate::db::begin_write(db).await?;
    change(
        &txn,
        &row,
        &from,
        AffiliationStatus::Removed,
        false,
        None,
        "left",
        Some(user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
