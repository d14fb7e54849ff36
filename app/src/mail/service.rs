//! Queueing and delivering mail. A mail is stored before anyone is told it was sent, and
//! delivery claims each row so two instances never send the same mail twice.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entities::mail_outbox;
use crate::error::AppError;
use crate::i18n::{Key, Lang};

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// After this many failed attempts a mail stays `failed` for an admin to look at.
pub const MAX_ATTEMPTS: i32 = 8;

/// Queues a mail in the recipient's language; `args` fill the `{name}` placeholders.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    lang: Lang,
    subject: Key,
    body: Key,
    args: &[(&str, &str)],
) -> Result<i32, AppError> {
    let row = mail_outbox::ActiveModel {
        recipient: Set(recipient.to_string()),
        subject: Set(lang.format(subject, args)),
        body: Set(lang.format(body, args)),
        lang: Set(lang.code().to_string()),
        state: Set(PENDING.to_string()),
        attempts: Set(0),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// How mail leaves the system. `Log` (the default) writes it to the log and keeps it in
/// the outbox, where admins can read it.
#[derive(Clone, Debug, Default)]
pub enum Transport {
    #[default]
    Log,
}

impl Transport {
    async fn send(&self, mail: &mail_outbox::Model) -> Result<(), String> {
        match self {
            Transport::Log => {
                tracing::info!(to = %mail.recipient, subject = %mail.subject, "mail (log delivery)");
                Ok(())
            }
        }
    }
}

/// Delivers up to `limit` pending mails; returns how many were sent.
pub async fn deliver_pending(
    db: &DatabaseConnection,
    transport: &Transport,
    limit: u64,
) -> Result<usize, AppError> {
    let candidates = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::State.eq(PENDING))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut sent = 0;
    for mail in candidates {
        // Claim: only one instance moves a row from pending to sending.
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::State, SENDING.into())
            .filter(mail_outbox::Column::Id.eq(mail.id))
            .filter(mail_outbox::Column::State.eq(PENDING))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let attempts = mail.attempts + 1;
        let mut row: mail_outbox::ActiveModel = mail.clone().into();
        row.attempts = Set(attempts);
        match transport.send(&mail).await {
            Ok(()) => {
                row.state = Set(SENT.to_string());
                row.sent_at = Set(Some(Utc::now()));
                row.last_error = Set(None);
                sent += 1;
            }
            Err(err) => {
                tracing::warn!(mail = mail.id, attempts, error = %err, "mail delivery failed");
                row.state = Set(if attempts >= MAX_ATTEMPTS {
                    FAILED
                } else {
                    PENDING
                }
                .to_string());
                row.last_error = Set(Some(err));
            }
        }
        row.update(db).await?;
    }
    Ok(sent)
}

/// The mails sent to one address, newest first (admin view, tests).
pub async fn for_recipient(
    db: &DatabaseConnection,
    recipient: &str,
) -> Result<Vec<mail_outbox::Model>, AppError> {
    Ok(mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(recipient))
        .order_by_desc(mail_outbox::Column::Id)
        .all(db)
        .await?)
}
