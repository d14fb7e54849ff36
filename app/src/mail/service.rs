//! Queueing and delivering mail. A mail is stored before anyone is told it was sent, and
//! delivery claims each row so two instances never send the same mail twice.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::MailState;
use crate::entities::mail_outbox;
use crate::error::AppError;
use crate::i18n::{Key, Lang};

/// `mail_outbox.subject`'s length.
const SUBJECT_MAX: usize = 200;

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
        // The column holds 200 characters; a long title or name must not fail the change
        // the mail reports.
        subject: Set(lang
            .format(subject, args)
            .chars()
            .take(SUBJECT_MAX)
            .collect()),
        body: Set(lang.format(body, args)),
        lang: Set(lang.code().to_string()),
        state: Set(MailState::Pending),
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

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the same host or network).
    None,
    /// Upgrade with STARTTLS (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// SMTP settings (`SAYEMBARA_SMTP_*`, see README).
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `Sayembara <noreply@sayembara.go.id>`.
    pub from: String,
}

/// How mail leaves the system. `Log` (the default) writes it to the log and keeps it in
/// the outbox, where admins can read it; `Smtp` sends it through a mail server.
#[derive(Clone, Default)]
pub enum Transport {
    /// Development: mail is written to the log and kept in the outbox, not delivered.
    #[default]
    Log,
    Smtp {
        mailer: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
        from: lettre::message::Mailbox,
    },
}

impl Transport {
    /// Whether mail really leaves the server.
    pub fn delivers(&self) -> bool {
        matches!(self, Transport::Smtp { .. })
    }
}

impl Transport {
    pub fn smtp(settings: &SmtpSettings) -> Result<Transport, String> {
        use lettre::{
            transport::smtp::authentication::Credentials, AsyncSmtpTransport, Tokio1Executor,
        };
        let builder = match settings.security {
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            SmtpSecurity::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                    .map_err(|e| e.to_string())?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| e.to_string())?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("SAYEMBARA_SMTP_FROM: {e}"))?;
        Ok(Transport::Smtp {
            mailer: builder.build(),
            from,
        })
    }

    async fn send(&self, mail: &mail_outbox::Model) -> Result<(), String> {
        match self {
            Transport::Log => {
                tracing::info!(to = %mail.recipient, subject = %mail.subject, "mail (log delivery)");
                Ok(())
            }
            Transport::Smtp { mailer, from } => {
                use lettre::{message::header::ContentType, AsyncTransport, Message};
                let message = Message::builder()
                    .from(from.clone())
                    .to(mail
                        .recipient
                        .parse()
                        .map_err(|e| format!("recipient: {e}"))?)
                    .subject(mail.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body.clone())
                    .map_err(|e| e.to_string())?;
                mailer
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
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
        .filter(mail_outbox::Column::State.eq(MailState::Pending))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut sent = 0;
    for mail in candidates {
        // Claim: only one instance moves a row from pending to sending.
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::State, MailState::Sending.into())
            .filter(mail_outbox::Column::Id.eq(mail.id))
            .filter(mail_outbox::Column::State.eq(MailState::Pending))
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
                row.state = Set(MailState::Sent);
                row.sent_at = Set(Some(Utc::now()));
                row.last_error = Set(None);
                // Delivered: the inbox holds the link now; the outbox need not. (Logged
                // mail, in development, was never delivered: the outbox is its inbox.)
                if transport.delivers() {
                    row.body = Set(without_tokens(&mail.body));
                }
                sent += 1;
            }
            Err(err) => {
                tracing::warn!(mail = mail.id, attempts, error = %err, "mail delivery failed");
                row.state = Set(if attempts >= MAX_ATTEMPTS {
                    MailState::Failed
                } else {
                    MailState::Pending
                });
                row.last_error = Set(Some(err));
            }
        }
        row.update(db).await?;
    }
    Ok(sent)
}

/// The text with the value of every `token=` in it replaced, also where a link carries
/// another link percent-encoded (`lanjut=/undangan%3Ftoken%3D…`): what the outbox keeps
/// of a delivered mail that carried a sign-in, verification, reset or invitation link.
pub fn without_tokens(body: &str) -> String {
    const MARKERS: [&str; 3] = ["token=", "token%3D", "token%3d"];
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some((at, marker)) = MARKERS
        .iter()
        .filter_map(|m| rest.find(m).map(|at| (at, *m)))
        .min_by_key(|(at, _)| *at)
    {
        let (before, after) = rest.split_at(at + marker.len());
        out.push_str(before);
        // A token is never percent-encoded itself: `%` ends it (`%26` is an encoded `&`).
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '&' | '"' | '<' | '%'))
            .unwrap_or(after.len());
        if end > 0 {
            out.push_str("[terkirim]");
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Puts mails left `sending` by a stopped instance back in the queue. Called at start-up:
/// a mail may then go out twice, but none is lost.
pub async fn requeue_interrupted(db: &DatabaseConnection) -> Result<u64, AppError> {
    let result = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, MailState::Pending.into())
        .filter(mail_outbox::Column::State.eq(MailState::Sending))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
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

/// The newest `limit` mails.
pub async fn recent(
    db: &DatabaseConnection,
    limit: u64,
) -> Result<Vec<super::OutboxEntry>, AppError> {
    Ok(mail_outbox::Entity::find()
        .order_by_desc(mail_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| super::OutboxEntry {
            recipient: m.recipient,
            subject: m.subject,
            state: m.state,
            attempts: m.attempts,
            created_at: m.created_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::without_tokens;

    #[test]
    fn delivered_mail_keeps_no_token() {
        assert_eq!(
            without_tokens("Buka http://x/verifikasi?token=abc_DEF-123\nSalam"),
            "Buka http://x/verifikasi?token=[terkirim]\nSalam"
        );
        assert_eq!(
            without_tokens("a?token=1&b=2 c?token=zz"),
            "a?token=[terkirim]&b=2 c?token=[terkirim]"
        );
        assert_eq!(without_tokens("tanpa tautan"), "tanpa tautan");
        assert_eq!(
            without_tokens("http://x/verifikasi?token=a1&lanjut=/undangan%3Ftoken%3Dz9%26x%3D1"),
            "http://x/verifikasi?token=[terkirim]&lanjut=/undangan%3Ftoken%3D[terkirim]%26x%3D1"
        );
    }
}
