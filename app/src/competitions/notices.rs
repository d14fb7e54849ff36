//! Stage notices: the periodic job (`server/src/housekeeping.rs`, in every instance)
//! mails the people a stage's opening or closing concerns, and reminds teams a day before
//! the submission deadline.
//!
//! Who is concerned, and what they are told:
//! - registration opens: nobody (no team exists yet; the public page announces it);
//! - registration closes: every member of every registered team (the team is in, and no
//!   one else can join);
//! - submission opens: every member of every registered team;
//! - submission closes: every member of every team, told whether their proposal is in;
//! - a later stage (selection, evaluation, presentation, results, …) opens: the members
//!   of teams whose proposal is submitted, the teams still in the competition; a later
//!   stage closing is not announced (what it decided is mailed as a decision);
//! - a day before submission closes: the members of teams whose proposal is not
//!   submitted (none yet, a draft, or withdrawn).
//!
//! Only published competitions, and only what happened in the last day ([`LOOKBACK`]):
//! an instance starting for the first time, or after a long stop, does not announce
//! stages that opened or closed long ago (nor floods the outbox with the seeded demo's).
//! All of these are reminders: a person who turned them off (`user_account.reminders`)
//! gets none, and nothing is recorded for them.
//!
//! Exactly once: each notice to each person is a `stage_notice` row, unique per
//! (competition, stage, kind, person), inserted (doing nothing on conflict) in the same
//! transaction as its mail. The instance whose insert wrote the row queues the mail;
//! another running at the same moment, or this one on its next round or after a
//! restart, inserts nothing and sends nothing. So a notice is once per stage: a deadline
//! moved later after its reminder went out is told by the "deadline moved" mail
//! (`setup::record`), not by a second reminder.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};

use super::{CompetitionStatus, Stage};
use crate::entities::{competition, competition_stage, proposal, stage_notice, team, user_account};
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::proposals::ProposalStatus;
use crate::teams::queries::members_by_team;

/// How long after a stage opened or closed it is still announced.
pub const LOOKBACK: Duration = Duration::days(1);
/// How long before the submission deadline the reminder goes.
pub const REMINDER_AHEAD: Duration = Duration::hours(24);

/// Which notice of a stage (`stage_notice.kind`, stored as the strings below).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, sea_orm::EnumIter, sea_orm::DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum NoticeKind {
    #[sea_orm(string_value = "opened")]
    Opened,
    #[sea_orm(string_value = "closed")]
    Closed,
    /// The day-ahead reminder of the submission deadline.
    #[sea_orm(string_value = "reminder")]
    Reminder,
}

impl NoticeKind {
    fn subject(self) -> Key {
        match self {
            NoticeKind::Opened => Key::MailStageOpenedSubject,
            NoticeKind::Closed => Key::MailStageClosedSubject,
            NoticeKind::Reminder => Key::MailDeadlineReminderSubject,
        }
    }
}

/// The notices of a stage dated `starts`–`ends` due at `now`: those that can concern
/// anyone ([`body`] says which teams).
pub fn due(
    stage: Stage,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<NoticeKind> {
    let recent = |at: DateTime<Utc>| at <= now && now - at < LOOKBACK;
    let mut out = Vec::new();
    if recent(starts) && stage != Stage::Registration {
        out.push(NoticeKind::Opened);
    }
    if recent(ends) && matches!(stage, Stage::Registration | Stage::Submission) {
        out.push(NoticeKind::Closed);
    }
    if stage == Stage::Submission && starts <= now && now < ends && ends - now <= REMINDER_AHEAD {
        out.push(NoticeKind::Reminder);
    }
    out
}

/// What a team is told by a stage's notice (the mail's body), or `None` when the notice
/// does not concern it; `submitted` is whether its proposal is in.
pub fn body(stage: Stage, kind: NoticeKind, submitted: bool) -> Option<Key> {
    match (stage, kind) {
        (Stage::Registration, NoticeKind::Opened) => None,
        (Stage::Submission, NoticeKind::Opened) => Some(Key::MailSubmissionOpenedBody),
        (_, NoticeKind::Opened) => submitted.then_some(Key::MailStageOpenedBody),
        (Stage::Registration, NoticeKind::Closed) => Some(Key::MailRegistrationClosedBody),
        (Stage::Submission, NoticeKind::Closed) => Some(if submitted {
            Key::MailSubmissionClosedInBody
        } else {
            Key::MailSubmissionClosedMissingBody
        }),
        (Stage::Submission, NoticeKind::Reminder) => {
            (!submitted).then_some(Key::MailDeadlineReminderBody)
        }
        _ => None,
    }
}

/// One round of the periodic job: queues every stage notice now due that has not been
/// sent; how many mails it queued.
#[tracing::instrument(skip(db, base_url))]
pub async fn send_due(db: &DatabaseConnection, base_url: &str) -> Result<u64, AppError> {
    let now = Utc::now();
    let since = now - LOOKBACK;
    let stages = competition_stage::Entity::find()
        .filter(
            Condition::any()
                .add(competition_stage::Column::StartsAt.between(since, now))
                .add(competition_stage::Column::EndsAt.between(since, now + REMINDER_AHEAD)),
        )
        .all(db)
        .await?;
    let mut queued = 0;
    for stage in stages {
        let kinds = due(stage.stage, stage.starts_at, stage.ends_at, now);
        if kinds.is_empty() {
            continue;
        }
        let Some(competition) = competition::Entity::find_by_id(stage.competition_id)
            .filter(competition::Column::Status.eq(CompetitionStatus::Published))
            .one(db)
            .await?
        else {
            continue;
        };
        // One competition's failure must not cost the others their notices.
        for kind in kinds {
            match send(db, &competition, &stage, kind, base_url).await {
                Ok(sent) => queued += sent,
                Err(err) => tracing::warn!(
                    error = %err,
                    competition = competition.id,
                    "stage notice not sent; tried again next round"
                ),
            }
        }
    }
    Ok(queued)
}

/// Sends one stage's notice to everyone it concerns who has not had it, one transaction
/// per team.
async fn send(
    db: &DatabaseConnection,
    competition: &competition::Model,
    stage: &competition_stage::Model,
    kind: NoticeKind,
    base_url: &str,
) -> Result<u64, AppError> {
    let notice = Notice {
        competition,
        stage,
        kind,
    };
    let mut queued = 0;
    for (team, people, body) in pending(db, notice).await? {
        let txn = crate::db::begin_write(db).await?;
        queued += tell_team(&txn, notice, &team, &people, body, base_url).await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// An organizer started or ended a stage now (`setup::timeline::change_stage`): its
/// notice goes in the transaction of that change, and the job finds it sent.
pub async fn tell_now(
    txn: &impl ConnectionTrait,
    competition: &competition::Model,
    stage: &competition_stage::Model,
    kind: NoticeKind,
    base_url: &str,
) -> Result<u64, AppError> {
    if competition.status != CompetitionStatus::Published {
        return Ok(0);
    }
    let notice = Notice {
        competition,
        stage,
        kind,
    };
    let mut queued = 0;
    for (team, people, body) in pending(txn, notice).await? {
        queued += tell_team(txn, notice, &team, &people, body, base_url).await?;
    }
    Ok(queued)
}

/// One notice of one competition's stage.
#[derive(Clone, Copy)]
struct Notice<'a> {
    competition: &'a competition::Model,
    stage: &'a competition_stage::Model,
    kind: NoticeKind,
}

/// The teams a stage's notice concerns, with their members who want reminders and have
/// not had it, and what each team is told.
async fn pending(
    db: &impl ConnectionTrait,
    Notice {
        competition,
        stage,
        kind,
    }: Notice<'_>,
) -> Result<Vec<(team::Model, Vec<user_account::Model>, Key)>, AppError> {
    // Who had it already: only to skip the work; the unique index decides.
    let told: HashSet<i32> = stage_notice::Entity::find()
        .filter(stage_notice::Column::CompetitionId.eq(competition.id))
        .filter(stage_notice::Column::Stage.eq(stage.stage))
        .filter(stage_notice::Column::Kind.eq(kind))
        .all(db)
        .await?
        .into_iter()
        .map(|n| n.user_id)
        .collect();
    let submitted: HashSet<i32> = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(competition.id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Submitted))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.team_id)
        .collect();
    let mut teams: HashMap<i32, team::Model> = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut out = Vec::new();
    for (team_id, people) in members_by_team(db, competition.id).await? {
        let Some(body) = body(stage.stage, kind, submitted.contains(&team_id)) else {
            continue;
        };
        let people: Vec<_> = people
            .into_iter()
            .filter(|p| p.reminders && !told.contains(&p.id))
            .collect();
        if let (false, Some(team)) = (people.is_empty(), teams.remove(&team_id)) {
            out.push((team, people, body));
        }
    }
    Ok(out)
}

/// Records the notice for each of the team's `people` and queues their mail, in `txn`;
/// how many were queued (a row another instance wrote first is its to send).
async fn tell_team(
    txn: &impl ConnectionTrait,
    Notice {
        competition,
        stage,
        kind,
    }: Notice<'_>,
    team: &team::Model,
    people: &[user_account::Model],
    body: Key,
    base_url: &str,
) -> Result<u64, AppError> {
    let link = match stage.stage {
        Stage::Registration => format!("{base_url}/tim/{}", team.id),
        Stage::Submission => format!("{base_url}/tim/{}/proposal", team.id),
        _ => format!("{base_url}/kompetisi/{}", competition.slug),
    };
    let mut queued = 0;
    for person in people {
        let recorded = stage_notice::Entity::insert(stage_notice::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(stage.stage),
            kind: Set(kind),
            user_id: Set(person.id),
            sent_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                stage_notice::Column::CompetitionId,
                stage_notice::Column::Stage,
                stage_notice::Column::Kind,
                stage_notice::Column::UserId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
        if recorded == 0 {
            continue;
        }
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        let footer = lang.format(
            Key::MailRemindersFooter,
            &[("profile", &format!("{base_url}/profil"))],
        );
        mail::enqueue(
            txn,
            &person.email,
            lang,
            kind.subject(),
            body,
            &[
                ("stage", lang.text(stage.stage.label())),
                ("ends", &lang.datetime(stage.ends_at)),
                ("link", &link),
                ("footer", &footer),
                ("name", &person.name),
                (
                    "competition",
                    lang.pick(&competition.title_id, &competition.title_en),
                ),
                ("team", &team.name),
            ],
        )
        .await?;
        queued += 1;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `hours` from a fixed now (negative: ago).
    fn at(hours: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap() + Duration::hours(hours)
    }

    fn due_now(stage: Stage, starts: i64, ends: i64) -> Vec<NoticeKind> {
        due(stage, at(starts), at(ends), at(0))
    }

    #[test]
    fn only_what_happened_in_the_last_day_is_announced() {
        use NoticeKind::*;
        assert_eq!(due_now(Stage::Submission, -1, 240), [Opened]);
        assert!(due_now(Stage::Submission, -72, 240).is_empty());
        assert!(due_now(Stage::Submission, 1, 240).is_empty());
        assert_eq!(due_now(Stage::Registration, -200, -1), [Closed]);
        assert!(due_now(Stage::Registration, -1, 48).is_empty());
        assert!(due_now(Stage::DeskEvaluation, -200, -1).is_empty());
        assert!(due_now(Stage::Submission, -200, -48).is_empty());
    }

    #[test]
    fn the_reminder_is_due_in_the_last_day_before_the_deadline() {
        use NoticeKind::*;
        assert_eq!(due_now(Stage::Submission, -200, 20), [Reminder]);
        assert!(due_now(Stage::Submission, -200, 25).is_empty());
        assert!(due_now(Stage::Presentation, -200, 1).is_empty());
        // A stage shorter than a day: opened and reminded at once.
        assert_eq!(due_now(Stage::Submission, -1, 1), [Opened, Reminder]);
    }

    #[test]
    fn each_notice_concerns_the_teams_it_names() {
        use NoticeKind::*;
        assert_eq!(body(Stage::Registration, Opened, false), None);
        assert!(body(Stage::Submission, Opened, false).is_some());
        assert_eq!(body(Stage::DeskEvaluation, Opened, false), None);
        assert!(body(Stage::DeskEvaluation, Opened, true).is_some());
        assert_eq!(
            body(Stage::Submission, Closed, true),
            Some(Key::MailSubmissionClosedInBody)
        );
        assert_eq!(
            body(Stage::Submission, Closed, false),
            Some(Key::MailSubmissionClosedMissingBody)
        );
        assert_eq!(body(Stage::Submission, Reminder, true), None);
        assert!(body(Stage::Submission, Reminder, false).is_some());
        assert_eq!(body(Stage::Results, Closed, true), None);
    }
}
