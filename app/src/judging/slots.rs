//! The presentation schedule of a judged stage (`/kelola/{slug}/penilaian/{stage}/jadwal`):
//! when and where each entry presents (KIPP: 7 minutes of presentation, 13 of questions).
//! Organizers set it; the team reads its own slot (`/tim/{id}/hasil`), each juror the
//! slots of the proposals assigned to them. Every change is on the record.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::audit::{self, Entry as AuditEntry};
use super::queries::{entries, judged_stage, managed};
use super::{ScheduleView, SlotLine};
use crate::accounts::CurrentUser;
use crate::competitions::setup::fields::{format_local, parse_local};
use crate::competitions::Stage;
use crate::entities::presentation_slot;
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

const PLACE_LIMIT: usize = 200;

/// A slot as asked for: start, minutes, place.
type Asked = (chrono::DateTime<chrono::Utc>, i32, String);
const MINUTES_LIMIT: i32 = 480;

/// The stored slots of a stage, by proposal.
pub async fn of_stage(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<HashMap<i32, presentation_slot::Model>, AppError> {
    Ok(presentation_slot::Entity::find()
        .filter(presentation_slot::Column::CompetitionId.eq(competition_id))
        .filter(presentation_slot::Column::Stage.eq(stage))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.proposal_id, s))
        .collect())
}

/// Every slot of one proposal, in stage order.
pub async fn of_proposal(
    db: &impl ConnectionTrait,
    proposal_id: i32,
) -> Result<Vec<presentation_slot::Model>, AppError> {
    let mut rows = presentation_slot::Entity::find()
        .filter(presentation_slot::Column::ProposalId.eq(proposal_id))
        .all(db)
        .await?;
    rows.sort_by_key(|s| (s.stage, s.starts_at));
    Ok(rows)
}

/// The schedule page.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
) -> Result<ScheduleView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let slots = of_stage(db, competition.id, stage).await?;
    let mut lines: Vec<SlotLine> = entries(db, competition.id, Some(stage))
        .await?
        .into_iter()
        .map(|e| {
            let slot = slots.get(&e.proposal_id);
            SlotLine {
                proposal_id: e.proposal_id,
                team: e.team.name.clone(),
                title: e.title.clone(),
                starts_at: slot.map(|s| s.starts_at),
                minutes: slot.map(|s| s.minutes),
                place: slot.map(|s| s.place.clone()).unwrap_or_default(),
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        (a.starts_at.is_none(), a.starts_at, &a.team).cmp(&(
            b.starts_at.is_none(),
            b.starts_at,
            &b.team,
        ))
    });
    Ok(ScheduleView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        stage,
        slots: lines,
    })
}

fn describe(slot: Option<&presentation_slot::Model>) -> String {
    slot.map(|s| format!("{} {}m {}", format_local(s.starts_at), s.minutes, s.place))
        .unwrap_or_default()
}

/// Saves the schedule: `start[id]`, `minutes[id]`, `place[id]` per entry; an empty start
/// clears that entry's slot. Problems are shown at `start-{id}`, `minutes-{id}`,
/// `place-{id}`, and nothing is saved until all are right.
#[tracing::instrument(skip(db, by, start, minutes, place))]
pub async fn save(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    start: &HashMap<String, String>,
    minutes: &HashMap<String, String>,
    place: &HashMap<String, String>,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    let list = entries(&txn, competition.id, Some(stage)).await?;
    let mut errors = FieldErrors::new();
    let mut asked: Vec<(i32, Option<Asked>)> = Vec::new();
    for e in &list {
        let id = e.proposal_id;
        let key = id.to_string();
        let get = |m: &HashMap<String, String>| {
            m.get(&key)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let (s, m, p) = (get(start), get(minutes), get(place));
        errors.keep(&format!("start-{id}"), &s);
        errors.keep(&format!("minutes-{id}"), &m);
        errors.keep(&format!("place-{id}"), &p);
        if s.is_empty() {
            asked.push((id, None));
            continue;
        }
        let at = parse_local(&s)
            .map_err(|k| errors.add(&format!("start-{id}"), k))
            .ok();
        let mins = m
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=MINUTES_LIMIT).contains(n));
        if mins.is_none() {
            errors.add(&format!("minutes-{id}"), Key::ResultsErrorMinutes);
        }
        if p.chars().count() > PLACE_LIMIT {
            errors.add(&format!("place-{id}"), Key::ResultsErrorPlace);
        }
        if let (Some(at), Some(mins)) = (at, mins) {
            asked.push((id, Some((at, mins, p))));
        }
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    let stored = of_stage(&txn, competition.id, stage).await?;
    let now = audit::now();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for (id, want) in asked {
        let have = stored.get(&id);
        let same = match (&want, have) {
            (None, None) => true,
            (Some((at, m, p)), Some(h)) => h.starts_at == *at && h.minutes == *m && h.place == *p,
            _ => false,
        };
        if same {
            continue;
        }
        before.push(format!("{id}: {}", describe(have)));
        match (want, have) {
            (None, Some(h)) => {
                presentation_slot::Entity::delete_by_id(h.id)
                    .exec(&txn)
                    .await?;
                after.push(format!("{id}: "));
            }
            (Some((at, m, p)), have) => {
                after.push(format!("{id}: {} {m}m {p}", format_local(at)));
                let mut row = presentation_slot::ActiveModel {
                    competition_id: Set(competition.id),
                    stage: Set(stage),
                    proposal_id: Set(id),
                    starts_at: Set(at),
                    minutes: Set(m),
                    place: Set(p),
                    set_by: Set(Some(user.id)),
                    set_at: Set(now),
                    ..Default::default()
                };
                match have {
                    Some(h) => {
                        row.id = Set(h.id);
                        row.update(&txn).await?;
                    }
                    None => {
                        row.insert(&txn).await?;
                    }
                }
            }
            (None, None) => {}
        }
    }
    if !after.is_empty() {
        audit::append(
            &txn,
            competition.id,
            Some(user.id),
            AuditEntry {
                kind: "schedule_set",
                subject: stage.code().to_string(),
                before: before.join("; "),
                after: after.join("; "),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
