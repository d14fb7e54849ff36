//! Limits on guessing: failed sign-ins and password-reset requests are counted per
//! account and per client address in a sliding window, in the database (so every
//! instance sees the same counts).
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::entities::auth_attempt;
use crate::error::AppError;

pub const WINDOW: Duration = Duration::minutes(15);

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub scope: &'static str,
    pub max: u64,
}

pub const SIGN_IN_ACCOUNT: Limit = Limit {
    scope: "sign_in_account",
    max: 5,
};
pub const SIGN_IN_ADDRESS: Limit = Limit {
    scope: "sign_in_address",
    max: 20,
};
pub const RESET_ACCOUNT: Limit = Limit {
    scope: "reset_account",
    max: 3,
};
pub const VERIFY_ACCOUNT: Limit = Limit {
    scope: "verify_account",
    max: 3,
};
pub const RESET_ADDRESS: Limit = Limit {
    scope: "reset_address",
    max: 10,
};

/// Whether `subject` has used up `limit` in the current window.
pub async fn exceeded(
    db: &DatabaseConnection,
    limit: Limit,
    subject: &str,
) -> Result<bool, AppError> {
    let count = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Scope.eq(limit.scope))
        .filter(auth_attempt::Column::Subject.eq(subject))
        .filter(auth_attempt::Column::At.gt(Utc::now() - WINDOW))
        .count(db)
        .await?;
    Ok(count >= limit.max)
}

pub async fn record(db: &DatabaseConnection, limit: Limit, subject: &str) -> Result<(), AppError> {
    auth_attempt::ActiveModel {
        scope: Set(limit.scope.to_string()),
        subject: Set(subject.to_string()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
