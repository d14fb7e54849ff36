//! The periodic clean-up: rows that can no longer be used are deleted, so the tables
//! that strangers can make grow (sign-in attempts, OAuth states, tokens, sessions) stay
//! small. Each instance runs it (`server/src/housekeeping.rs`); running it twice at once
//! deletes nothing twice.
use chrono::Utc;
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};

use super::service::SESSION_IDLE;
use super::throttle;
use crate::entities::{email_token, oauth_state, session};
use crate::error::AppError;

/// How many rows of each kind one round removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub attempts: u64,
    pub oauth_states: u64,
    pub email_tokens: u64,
    pub sessions: u64,
}

pub async fn purge_expired(db: &DatabaseConnection) -> Result<Purged, AppError> {
    let now = Utc::now();
    let attempts = throttle::purge(db).await?;
    crate::site::stash::purge(db).await?;
    let oauth_states = oauth_state::Entity::delete_many()
        .filter(oauth_state::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected;
    // A used token is kept until it would have expired anyway: claiming it again must
    // keep failing as "used", not as "unknown".
    let email_tokens = email_token::Entity::delete_many()
        .filter(email_token::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected;
    let sessions = session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(now - SESSION_IDLE)),
        )
        .exec(db)
        .await?
        .rows_affected;
    Ok(Purged {
        attempts,
        oauth_states,
        email_tokens,
        sessions,
    })
}
