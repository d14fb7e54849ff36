//! Long or private form values (a proposal's texts) never travel in the URL. When such a
//! form comes back with problems, [`hide_values`] keeps what was typed on the server for
//! an hour, bound to the person, and the error carries only a random token
//! (`STASH_DETAIL`); the page reads the values back through [`values`] (owner only) and
//! fills the form in as before.
use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::accounts::tokens::{new_token, token_hash};
use crate::entities::form_stash;
use crate::error::{AppError, FieldErrors};

pub use super::forms::STASH_DETAIL;
const KEPT_FOR: Duration = Duration::hours(1);

/// Moves the values out of `errors` into a stash of `user_id`'s.
pub async fn hide_values(
    db: &DatabaseConnection,
    user_id: i32,
    errors: &mut FieldErrors,
) -> Result<(), AppError> {
    if errors.values.is_empty() {
        return Ok(());
    }
    let token = new_token();
    let payload =
        serde_json::to_string(&errors.values).map_err(|e| AppError::internal("form stash", e))?;
    form_stash::ActiveModel {
        id: Set(token_hash(&token)),
        user_id: Set(user_id),
        payload: Set(payload),
        expires_at: Set(Utc::now() + KEPT_FOR),
    }
    .insert(db)
    .await?;
    errors.values.clear();
    errors.explain(STASH_DETAIL, &token);
    Ok(())
}

/// The values stashed under `token`, if they are `user_id`'s and still kept.
pub async fn values(
    db: &DatabaseConnection,
    user_id: i32,
    token: &str,
) -> Result<BTreeMap<String, String>, AppError> {
    let row = form_stash::Entity::find_by_id(token_hash(token))
        .filter(form_stash::Column::UserId.eq(user_id))
        .filter(form_stash::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?;
    Ok(row
        .and_then(|r| serde_json::from_str(&r.payload).ok())
        .unwrap_or_default())
}

/// Removes stashes past their hour (the periodic clean-up).
pub async fn purge(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(form_stash::Entity::delete_many()
        .filter(form_stash::Column::ExpiresAt.lte(Utc::now()))
        .exec(db)
        .await?
        .rows_affected)
}
