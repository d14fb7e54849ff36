//! Organizations vouch for their people. A person asks to join (or accepts an invitation);
//! the organization's admins approve or refuse, remove members and name other admins;
//! the platform's admins can do the same for any organization. Every change writes an
//! `affiliation_audit` row (who, when, before, after). Only approved affiliations count
//! where trust matters.
//!
//! Here: the rules every change goes through (`change`, `record`). The person's side
//! is in `joining`, the admins' in `decisions`, invitations in `invitations`, and what the
//! pages and other areas read in `queries`.
use chrono::Utc;
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use super::AffiliationStatus;
use crate::entities::{affiliation, affiliation_audit};
use crate::error::AppError;

pub mod decisions;
pub mod invitations;
pub mod joining;
pub mod queries;

/// How many organizations one person may belong to or ask to join.
pub const MAX_AFFILIATIONS: u64 = 10;

/// Writes one line of the record.
#[allow(clippy::too_many_arguments)]
async fn record(
    db: &impl ConnectionTrait,
    organization_id: i32,
    user_id: i32,
    action: &str,
    before: Option<AffiliationStatus>,
    after: Option<AffiliationStatus>,
    detail: Option<String>,
    by: Option<i32>,
) -> Result<(), AppError> {
    affiliation_audit::ActiveModel {
        organization_id: Set(organization_id),
        user_id: Set(user_id),
        action: Set(action.to_string()),
        before_status: Set(before.map(|s| s.code().to_string())),
        after_status: Set(after.map(|s| s.code().to_string())),
        detail: Set(detail),
        by_user_id: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn find(
    db: &impl ConnectionTrait,
    user_id: i32,
    organization_id: i32,
) -> Result<Option<affiliation::Model>, AppError> {
    Ok(affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .filter(affiliation::Column::OrganizationId.eq(organization_id))
        .one(db)
        .await?)
}

/// Moves an affiliation from `from` to `to` (a conditional update: of two admins
/// deciding at once, one wins) and records it. `false` when it was no longer in `from`.
#[allow(clippy::too_many_arguments)]
async fn change(
    db: &impl ConnectionTrait,
    row: &affiliation::Model,
    from: &[AffiliationStatus],
    to: AffiliationStatus,
    is_admin: bool,
    confirmed_nip: Option<Option<String>>,
    action: &str,
    by: Option<i32>,
) -> Result<bool, AppError> {
    let now = Utc::now();
    let mut update = affiliation::Entity::update_many()
        .col_expr(affiliation::Column::Status, Expr::value(to))
        .col_expr(affiliation::Column::IsAdmin, Expr::value(is_admin))
        .col_expr(affiliation::Column::DecidedBy, Expr::value(by))
        .col_expr(affiliation::Column::DecidedAt, Expr::value(Some(now)));
    if let Some(nip) = &confirmed_nip {
        update = update.col_expr(affiliation::Column::ConfirmedNip, Expr::value(nip.clone()));
    }
    let changed = update
        .filter(affiliation::Column::Id.eq(row.id))
        .filter(affiliation::Column::Status.is_in(from.iter().copied()))
        .filter(affiliation::Column::IsAdmin.eq(row.is_admin))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(false);
    }
    let detail = confirmed_nip.flatten().map(|nip| format!("NIP {nip}"));
    record(
        db,
        row.organization_id,
        row.user_id,
        action,
        Some(row.status),
        Some(to),
        detail,
        by,
    )
    .await?;
    Ok(true)
}
