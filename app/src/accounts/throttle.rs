//! Limits on guessing and on expensive work (hashing, mail), counted in the database so
//! every instance sees the same counts, in a sliding window.
//!
//! A claim is atomic without a lock: each attempt first records itself, then counts. Rows
//! only ever appear in commit order, so an attempt that counts at most `max` rows (its own
//! among them) is one of the first `max`; of 40 parallel attempts against a limit of 5,
//! at most 5 go on. A refused attempt takes its row back (a refusal is not an attempt),
//! and a caller that succeeded may take its rows back too, so only failures add up.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entities::auth_attempt;
use crate::error::AppError;

pub const WINDOW: Duration = Duration::minutes(15);

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub scope: &'static str,
    pub max: u64,
}

/// Wrong passwords from one client for one account: past this, that client waits out
/// the window. A stranger elsewhere cannot use it to lock the owner out.
pub const SIGN_IN_PAIR: Limit = Limit {
    scope: "sign_in_pair",
    max: 5,
};
/// Wrong passwords for one account from anywhere: past this, each further try waits a
/// delay that doubles (see [`backoff`]) instead of a lock a stranger could trigger.
pub const SIGN_IN_ACCOUNT: Limit = Limit {
    scope: "sign_in_account",
    max: 10,
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
/// Sign-ups from one client address. Generous: a whole office signs up from one
/// address during a briefing; hashing is bounded per core anyway.
pub const SIGN_UP_ADDRESS: Limit = Limit {
    scope: "sign_up_address",
    max: 100,
};
/// Sign-ups naming one address (each mails it).
pub const SIGN_UP_EMAIL: Limit = Limit {
    scope: "sign_up_email",
    max: 3,
};
/// Password changes through a reset link tried from one client (each one hashes).
pub const RESET_USE_ADDRESS: Limit = Limit {
    scope: "reset_use_address",
    max: 10,
};
/// Invitation mails to one address, from any team.
pub const INVITE_RECIPIENT: Limit = Limit {
    scope: "invite_recipient",
    max: 5,
};
/// Invitation mails sent by one person.
pub const INVITE_SENDER: Limit = Limit {
    scope: "invite_sender",
    max: 30,
};

/// The attempts a successful [`claim`] recorded.
#[derive(Debug, Default)]
#[must_use = "release the claim if the attempt must not count"]
pub struct Claim(Vec<i32>);

impl Claim {
    /// Takes the recorded attempts back (the work succeeded and must not count).
    pub async fn release(self, db: &DatabaseConnection) -> Result<(), AppError> {
        remove(db, self.0).await
    }
}

async fn remove(db: &DatabaseConnection, ids: Vec<i32>) -> Result<(), AppError> {
    if !ids.is_empty() {
        auth_attempt::Entity::delete_many()
            .filter(auth_attempt::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn record(db: &DatabaseConnection, limit: Limit, subject: &str) -> Result<i32, AppError> {
    let row = auth_attempt::ActiveModel {
        scope: Set(limit.scope.to_string()),
        subject: Set(subject.to_string()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

async fn count(db: &DatabaseConnection, limit: Limit, subject: &str) -> Result<u64, AppError> {
    Ok(auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Scope.eq(limit.scope))
        .filter(auth_attempt::Column::Subject.eq(subject))
        .filter(auth_attempt::Column::At.gt(Utc::now() - WINDOW))
        .count(db)
        .await?)
}

/// Records one attempt against every `(limit, subject)`; `None` (and nothing recorded)
/// when any of them is used up.
pub async fn claim(
    db: &DatabaseConnection,
    claims: &[(Limit, &str)],
) -> Result<Option<Claim>, AppError> {
    let mut ids = Vec::with_capacity(claims.len());
    for (limit, subject) in claims {
        ids.push(record(db, *limit, subject).await?);
    }
    for (limit, subject) in claims {
        if count(db, *limit, subject).await? > limit.max {
            remove(db, ids).await?;
            return Ok(None);
        }
    }
    Ok(Some(Claim(ids)))
}

/// Claims one invitation mail from `sender_id` to `recipient` (team, organization and
/// role invitations alike); `false` past either limit.
pub async fn claim_invitation(
    db: &DatabaseConnection,
    recipient: &str,
    sender_id: i32,
) -> Result<bool, AppError> {
    let sender = sender_id.to_string();
    let limits = [
        (INVITE_RECIPIENT, recipient),
        (INVITE_SENDER, sender.as_str()),
    ];
    Ok(claim(db, &limits).await?.is_some())
}

/// How long after the newest earlier attempt the next may come, once an account has
/// `failures` (its own attempt included) in the window: nothing up to the limit, then
/// 1, 2, 4 … seconds, at most a minute. The owner waits; a guesser gets a few tries a
/// minute at most.
pub fn backoff(failures: u64, limit: Limit) -> Duration {
    if failures <= limit.max {
        return Duration::zero();
    }
    let step = (failures - limit.max - 1).min(6) as u32;
    Duration::seconds(2i64.pow(step)).min(Duration::minutes(1))
}

/// Claims an attempt against a limit that slows down instead of locking: refused while
/// the newest earlier attempt is more recent than [`backoff`] allows.
pub async fn claim_with_backoff(
    db: &DatabaseConnection,
    limit: Limit,
    subject: &str,
) -> Result<Option<Claim>, AppError> {
    let id = record(db, limit, subject).await?;
    let recent: Vec<(i32, DateTime<Utc>)> = auth_attempt::Entity::find()
        .select_only()
        .column(auth_attempt::Column::Id)
        .column(auth_attempt::Column::At)
        .filter(auth_attempt::Column::Scope.eq(limit.scope))
        .filter(auth_attempt::Column::Subject.eq(subject))
        .filter(auth_attempt::Column::At.gt(Utc::now() - WINDOW))
        .order_by_desc(auth_attempt::Column::At)
        .into_tuple()
        .all(db)
        .await?;
    let wait = backoff(recent.len() as u64, limit);
    let newest_other = recent
        .iter()
        .find(|(other, _)| *other != id)
        .map(|(_, at)| *at);
    match newest_other {
        Some(at) if !wait.is_zero() && Utc::now() - at < wait => {
            remove(db, vec![id]).await?;
            Ok(None)
        }
        _ => Ok(Some(Claim(vec![id]))),
    }
}

/// Removes attempts older than the window (the periodic clean-up).
pub async fn purge(db: &DatabaseConnection) -> Result<u64, AppError> {
    Ok(auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::At.lte(Utc::now() - WINDOW))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_past_the_limit_and_stops_at_a_minute() {
        assert_eq!(backoff(10, SIGN_IN_ACCOUNT), Duration::zero());
        assert_eq!(backoff(11, SIGN_IN_ACCOUNT), Duration::seconds(1));
        assert_eq!(backoff(12, SIGN_IN_ACCOUNT), Duration::seconds(2));
        assert_eq!(backoff(15, SIGN_IN_ACCOUNT), Duration::seconds(16));
        assert_eq!(backoff(100, SIGN_IN_ACCOUNT), Duration::seconds(60));
    }
}
