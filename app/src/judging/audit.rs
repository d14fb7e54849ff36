//! The judging record: every judging decision (a selection closed, a conflict declared,
//! added or lifted, an assignment made or removed, a run of the planner) is one
//! `judging_audit` row, written in the transaction that makes the decision. Rows are
//! numbered per competition and chained: each row's `hash` is the SHA-256 of its own
//! fields and the previous row's hash, and `judging_chain` keeps the newest number and
//! hash. Changing, removing or inserting a row afterwards breaks the chain at that row,
//! which [`verify`] finds.
//!
//! Appending takes the chain's head row first (an `UPDATE`: a row lock on PostgreSQL, the
//! write lock on SQLite), so two decisions at once are numbered one after the other.
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use super::{AuditLine, ChainCheck};
use crate::entities::{judging_audit, judging_chain, user_account};
use crate::error::AppError;

/// The hash before the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One decision to put on the record: what kind, about what, and the state before and
/// after (short plain text; empty when there was none).
pub struct Entry {
    pub kind: &'static str,
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// The moment a row records, to the microsecond both databases keep.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The SHA-256 of a row: every field length-prefixed, so no two rows share a text.
#[allow(clippy::too_many_arguments)]
pub fn row_hash(
    competition_id: i32,
    seq: i32,
    at: DateTime<Utc>,
    actor: Option<i32>,
    kind: &str,
    subject: &str,
    before: &str,
    after: &str,
    prev_hash: &str,
) -> String {
    let at = at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let actor = actor.map(|a| a.to_string()).unwrap_or_else(|| "-".into());
    let mut hasher = Sha256::new();
    for field in [
        &competition_id.to_string(),
        &seq.to_string(),
        &at,
        &actor,
        kind,
        subject,
        before,
        after,
        prev_hash,
    ] {
        hasher.update(format!("{}:", field.len()).as_bytes());
        hasher.update(field.as_bytes());
        hasher.update(b"\n");
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn model_hash(row: &judging_audit::Model) -> String {
    row_hash(
        row.competition_id,
        row.seq,
        row.at,
        row.actor_id,
        &row.kind,
        &row.subject,
        &row.before,
        &row.after,
        &row.prev_hash,
    )
}

/// Takes the competition's judging lock (see [`lock_any`]) for a write that changes what
/// the results are computed from: refused with [`AppError::Frozen`] once they are frozen.
pub async fn lock(txn: &impl ConnectionTrait, competition_id: i32) -> Result<(), AppError> {
    lock_any(txn, competition_id).await?;
    if frozen(txn, competition_id).await? {
        return Err(AppError::Frozen);
    }
    Ok(())
}

/// Whether the competition's results are frozen.
pub async fn frozen(txn: &impl ConnectionTrait, competition_id: i32) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(crate::entities::result_freeze::Entity::find()
        .filter(crate::entities::result_freeze::Column::CompetitionId.eq(competition_id))
        .count(txn)
        .await?
        > 0)
}

/// Takes the competition's judging lock: the chain's head row, created if missing, then
/// updated in place (a row lock on PostgreSQL until the transaction ends; SQLite's write
/// lock is already held). Every judging write calls it first, so what it reads next
/// (assignments, conflicts, sheets, decisions) cannot change under it.
pub async fn lock_any(txn: &impl ConnectionTrait, competition_id: i32) -> Result<(), AppError> {
    judging_chain::Entity::insert(judging_chain::ActiveModel {
        competition_id: Set(competition_id),
        seq: Set(0),
        head: Set(GENESIS.to_string()),
    })
    .on_conflict(
        OnConflict::column(judging_chain::Column::CompetitionId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    judging_chain::Entity::update_many()
        .col_expr(
            judging_chain::Column::Seq,
            Expr::col(judging_chain::Column::Seq),
        )
        .filter(judging_chain::Column::CompetitionId.eq(competition_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Puts `entry` on the competition's record, inside the caller's transaction.
pub async fn append(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    actor: Option<i32>,
    entry: Entry,
) -> Result<(), AppError> {
    lock_any(txn, competition_id).await?;
    judging_chain::Entity::update_many()
        .col_expr(
            judging_chain::Column::Seq,
            Expr::col(judging_chain::Column::Seq).add(1),
        )
        .filter(judging_chain::Column::CompetitionId.eq(competition_id))
        .exec(txn)
        .await?;
    let head = judging_chain::Entity::find_by_id(competition_id)
        .one(txn)
        .await?
        .ok_or(AppError::Internal)?;
    if head.seq == 1 {
        // A new head over an existing record means the head row was lost: writing on
        // would collide with row 1 forever. Say so instead.
        let existing = judging_audit::Entity::find()
            .filter(judging_audit::Column::CompetitionId.eq(competition_id))
            .one(txn)
            .await?;
        if existing.is_some() {
            tracing::error!(
                competition_id,
                "judging_chain head missing over an existing record"
            );
            return Err(AppError::Internal);
        }
    }
    let at = now();
    let subject: String = entry.subject.chars().take(200).collect();
    let hash = row_hash(
        competition_id,
        head.seq,
        at,
        actor,
        entry.kind,
        &subject,
        &entry.before,
        &entry.after,
        &head.head,
    );
    judging_audit::ActiveModel {
        competition_id: Set(competition_id),
        seq: Set(head.seq),
        at: Set(at),
        actor_id: Set(actor),
        kind: Set(entry.kind.to_string()),
        subject: Set(subject),
        before: Set(entry.before),
        after: Set(entry.after),
        prev_hash: Set(head.head.clone()),
        hash: Set(hash.clone()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    judging_chain::Entity::update_many()
        .col_expr(judging_chain::Column::Head, Expr::value(hash))
        .filter(judging_chain::Column::CompetitionId.eq(competition_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// When the newest row of `kind` about `subject` was written.
pub async fn newest(
    db: &impl ConnectionTrait,
    competition_id: i32,
    kind: &str,
    subject: &str,
) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(judging_audit::Entity::find()
        .filter(judging_audit::Column::CompetitionId.eq(competition_id))
        .filter(judging_audit::Column::Kind.eq(kind))
        .filter(judging_audit::Column::Subject.eq(subject))
        .order_by_desc(judging_audit::Column::Seq)
        .one(db)
        .await?
        .map(|r| r.at))
}

/// Recomputes the whole chain and compares it with what is stored.
pub async fn verify(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<ChainCheck, AppError> {
    let rows = judging_audit::Entity::find()
        .filter(judging_audit::Column::CompetitionId.eq(competition_id))
        .order_by_asc(judging_audit::Column::Seq)
        .all(db)
        .await?;
    let head = judging_chain::Entity::find_by_id(competition_id)
        .one(db)
        .await?;
    let mut prev = GENESIS.to_string();
    let mut broken_at = None;
    for (n, row) in rows.iter().enumerate() {
        let expected_seq = n as i32 + 1;
        if row.seq != expected_seq || row.prev_hash != prev || model_hash(row) != row.hash {
            broken_at = Some(expected_seq);
            break;
        }
        prev = row.hash.clone();
    }
    let entries = rows.len() as i32;
    let (stored_seq, stored_head) = head
        .map(|h| (h.seq, h.head))
        .unwrap_or((0, GENESIS.to_string()));
    if broken_at.is_none() && (stored_seq != entries || stored_head != prev) {
        broken_at = Some(std::cmp::min(entries, stored_seq) + 1);
    }
    Ok(ChainCheck {
        entries,
        head: stored_head,
        broken_at,
    })
}

/// The record's rows (of `kind` when given; the newest `limit` when given), newest first,
/// with the names of who made them.
pub async fn lines(
    db: &impl ConnectionTrait,
    competition_id: i32,
    kind: Option<&str>,
    limit: Option<u64>,
) -> Result<Vec<AuditLine>, AppError> {
    let mut query = judging_audit::Entity::find()
        .filter(judging_audit::Column::CompetitionId.eq(competition_id));
    if let Some(kind) = kind {
        query = query.filter(judging_audit::Column::Kind.eq(kind));
    }
    let rows = query
        .order_by_desc(judging_audit::Column::Seq)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditLine {
            seq: r.seq,
            at: r.at,
            by: r
                .actor_id
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_default(),
            kind: r.kind,
            subject: r.subject,
            before: r.before,
            after: r.after,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_changes_with_every_field_and_fields_do_not_run_together() {
        let at = now();
        let base = row_hash(1, 1, at, Some(2), "kind", "ab", "c", "d", GENESIS);
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            row_hash(1, 1, at, Some(2), "kind", "ab", "c", "d", GENESIS)
        );
        assert_ne!(
            base,
            row_hash(1, 1, at, Some(2), "kind", "a", "bc", "d", GENESIS)
        );
        assert_ne!(
            base,
            row_hash(1, 2, at, Some(2), "kind", "ab", "c", "d", GENESIS)
        );
        assert_ne!(
            base,
            row_hash(1, 1, at, None, "kind", "ab", "c", "d", GENESIS)
        );
        assert_ne!(
            base,
            row_hash(1, 1, at, Some(2), "kind", "ab", "c", "e", GENESIS)
        );
    }
}
