//! Coverage: who has submitted what in a stage (shown on the stage page) and reminders
//! to jurors with sheets still to submit, mailed through the outbox, on the record, at
//! most once every [`REMINDER_GAP_HOURS`] per stage.
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::assignments::active;
use super::audit::{self, Entry as AuditEntry};
use super::queries::{judged_stage, jurors, managed};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::error::AppError;
use crate::i18n::{Key, Lang};

/// How long after a reminder the next one may go.
pub const REMINDER_GAP_HOURS: i64 = 12;

/// When jurors of the stage were last reminded.
pub async fn last_reminder(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
    super::audit::newest(db, competition_id, "jurors_reminded", stage.code()).await
}

/// Mails every juror with sheets still to submit in the stage (how many, and where),
/// through the outbox, on the record; at most once every [`REMINDER_GAP_HOURS`].
#[tracing::instrument(skip(db, by, base_url))]
pub async fn remind(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    base_url: &str,
) -> Result<usize, AppError> {
    use crate::entities::{score_sheet, user_account};
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    if last_reminder(&txn, competition.id, stage)
        .await?
        .is_some_and(|at| at > chrono::Utc::now() - chrono::Duration::hours(REMINDER_GAP_HOURS))
    {
        return Err(AppError::field("remind", Key::JudgingErrorRemindedRecently));
    }
    let done: std::collections::HashSet<i32> = score_sheet::Entity::find()
        .filter(score_sheet::Column::CompetitionId.eq(competition.id))
        .filter(score_sheet::Column::Stage.eq(stage))
        .filter(score_sheet::Column::State.eq(super::SheetState::Submitted))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.assignment_id)
        .collect();
    let mut pending: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for a in active(&txn, competition.id, stage).await? {
        if !done.contains(&a.id) {
            *pending.entry(a.juror_id).or_default() += 1;
        }
    }
    // Only people who still hold the role.
    let jurors: std::collections::HashSet<i32> = jurors(&txn, competition.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    pending.retain(|id, _| jurors.contains(id));
    if pending.is_empty() {
        return Err(AppError::field("remind", Key::JudgingErrorNobodyLate));
    }
    let people = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(pending.keys().copied()))
        .all(&txn)
        .await?;
    for person in &people {
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        crate::mail::service::enqueue(
            &txn,
            &person.email,
            lang,
            Key::MailJurorReminderSubject,
            Key::MailJurorReminderBody,
            &[
                ("name", &person.name),
                ("count", &pending[&person.id].to_string()),
                ("stage", lang.text(stage.label())),
                (
                    "competition",
                    lang.pick(&competition.title_id, &competition.title_en),
                ),
                (
                    "link",
                    &format!("{base_url}/penilaian/{}", competition.slug),
                ),
            ],
        )
        .await?;
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "jurors_reminded",
            subject: stage.code().to_string(),
            before: String::new(),
            after: pending
                .iter()
                .map(|(j, n)| format!("juri:{j}={n}"))
                .collect::<Vec<_>>()
                .join(","),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(people.len())
}
