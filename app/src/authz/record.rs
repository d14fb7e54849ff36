//! A role held, on the record: every grant, acceptance and revocation writes who, when
//! and how to `role_audit`. Invitations and set-up record roles through here.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::Role;
use crate::entities::{competition_role, role_audit};
use crate::error::AppError;

pub(super) async fn audit(
    db: &impl sea_orm::ConnectionTrait,
    competition_id: i32,
    user_id: i32,
    role: Role,
    action: &str,
    by: Option<i32>,
) -> Result<(), AppError> {
    role_audit::ActiveModel {
        competition_id: Set(competition_id),
        user_id: Set(user_id),
        role: Set(role),
        action: Set(action.to_string()),
        by_user_id: Set(by),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records that a person holds a role (nothing if they already do), with its audit row;
/// whether the role is new to them. The caller has checked the permission; `action`
/// names how it came about.
pub async fn assign(
    txn: &impl sea_orm::ConnectionTrait,
    competition_id: i32,
    user_id: i32,
    role: Role,
    by: Option<i32>,
    action: &str,
) -> Result<bool, AppError> {
    let held = competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(user_id))
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .filter(competition_role::Column::Role.eq(role))
        .count(txn)
        .await?;
    if held > 0 {
        return Ok(false);
    }
    competition_role::ActiveModel {
        competition_id: Set(competition_id),
        user_id: Set(user_id),
        role: Set(role),
        granted_by: Set(by),
        granted_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit(txn, competition_id, user_id, role, action, by).await?;
    Ok(true)
}
