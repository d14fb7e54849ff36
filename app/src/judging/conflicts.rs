//! Conflicts of interest decided by people: a juror declares one; an organizer adds one or
//! lifts a pair's conflicts, always with a reason. Each decision is a new
//! `juror_conflict` row (the newest stands) and a row on the judging record. The conflicts
//! the facts show are computed on every read (`queries::conflicts`), never stored, so an
//! affiliation approved or a mentor accepted later counts at once.
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::audit::{self, Entry};
use super::queries::{self, conflicts, entries, jurors, managed, names};
use super::{ConflictKind, ConflictReason, ConflictRow, ConflictsView, REASON_LIMIT};
use crate::accounts::CurrentUser;
use crate::entities::{assignment, juror_conflict};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// Checks a conflict decision's reason: required, at most [`REASON_LIMIT`] characters.
fn reason(text: &str, errors: &mut FieldErrors) -> String {
    let text = text.trim().replace("\r\n", "\n");
    errors.keep("reason", &text);
    if text.is_empty() {
        errors.add("reason", Key::JudgingErrorReasonRequired);
    } else if text.chars().count() > REASON_LIMIT {
        errors.add("reason", Key::JudgingErrorReasonLength);
    }
    text
}

/// Writes one decision on a pair and puts it on the record.
pub(super) async fn record(
    db: &DatabaseConnection,
    competition_id: i32,
    by: i32,
    juror: i32,
    proposal: i32,
    kind: ConflictKind,
    reason: String,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition_id).await?;
    let entries = entries(&txn, competition_id, None).await?;
    let entry: Vec<_> = entries
        .into_iter()
        .filter(|e| e.proposal_id == proposal)
        .collect();
    let before = conflicts(&txn, competition_id, &[juror], &entry)
        .await?
        .remove(&(juror, proposal))
        .unwrap_or_default();
    // A lift names what it lifts: the reasons standing now.
    let lifted = match kind {
        ConflictKind::Lifted => before.reasons.clone(),
        _ => Vec::new(),
    };
    let after = super::standing(before.computed.clone(), Some(kind), &lifted);
    let at = audit::now();
    juror_conflict::ActiveModel {
        competition_id: Set(competition_id),
        juror_id: Set(juror),
        proposal_id: Set(proposal),
        kind: Set(kind),
        reason: Set(reason.clone()),
        lifted_reasons: Set(ConflictReason::list(&lifted)),
        decided_by: Set(Some(by)),
        decided_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        competition_id,
        Some(by),
        Entry {
            kind: match kind {
                ConflictKind::Declared => "conflict_declared",
                ConflictKind::Added => "conflict_added",
                ConflictKind::Lifted => "conflict_lifted",
            },
            subject: format!("juri:{juror} proposal:{proposal}"),
            before: ConflictReason::list(&before.reasons),
            after: format!("{}: {reason}", ConflictReason::list(&after)),
        },
    )
    .await?;
    // A pair now in conflict is not judged: its assignments end, on the record; those of a
    // stage already closed by its shortlist stay as they were judged (the shortlist was
    // fixed from them).
    if !after.is_empty() {
        let closed = super::queries::closed_stages(&txn, competition_id).await?;
        let ids: Vec<i32> = assignment::Entity::find()
            .filter(assignment::Column::CompetitionId.eq(competition_id))
            .filter(assignment::Column::ProposalId.eq(proposal))
            .filter(assignment::Column::JurorId.eq(juror))
            .filter(assignment::Column::Active.eq(true))
            .all(&txn)
            .await?
            .into_iter()
            .filter(|a| !closed.contains(&a.stage))
            .map(|a| a.id)
            .collect();
        let ending = super::assignments::sheets_ending(&txn, &ids).await?;
        let ended = assignment::Entity::update_many()
            .col_expr(assignment::Column::Active, Expr::value(false))
            .col_expr(assignment::Column::ChangedBy, Expr::value(by))
            .col_expr(assignment::Column::ChangedAt, Expr::value(at))
            .filter(assignment::Column::Id.is_in(ids))
            .filter(assignment::Column::Active.eq(true))
            .exec(&txn)
            .await?;
        if ended.rows_affected > 0 {
            audit::append(
                &txn,
                competition_id,
                Some(by),
                Entry {
                    kind: "assignment_removed",
                    subject: format!("proposal:{proposal} juri:{juror}"),
                    before: "active".to_string(),
                    after: format!("removed: conflict{ending}"),
                },
            )
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// An organizer adds a conflict to a pair, or lifts the pair's conflicts, with a reason.
/// The juror must be one of the competition's jurors and the proposal one of its entries.
#[tracing::instrument(skip(db, by, reason_text))]
pub async fn decide(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    juror: i32,
    proposal: i32,
    kind: &str,
    reason_text: &str,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    if juror == user.id && !user.is_admin {
        // An organizer who is also a juror does not decide their own conflicts.
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    errors.keep("kind", kind);
    let kind = match kind {
        "added" => Some(ConflictKind::Added),
        "lifted" => Some(ConflictKind::Lifted),
        _ => {
            errors.add("kind", Key::JudgingErrorKindRequired);
            None
        }
    };
    let reason = reason(reason_text, &mut errors);
    let known_juror = jurors(db, competition.id)
        .await?
        .iter()
        .any(|(id, _)| *id == juror);
    let known_entry = entries(db, competition.id, None)
        .await?
        .iter()
        .any(|e| e.proposal_id == proposal);
    if !known_juror {
        errors.add("juror", Key::JudgingErrorJurorUnknown);
    }
    if !known_entry {
        errors.add("proposal", Key::JudgingErrorEntryUnknown);
    }
    match kind {
        Some(kind) if !errors.has_errors() => {
            record(db, competition.id, user.id, juror, proposal, kind, reason).await
        }
        _ => Err(AppError::Validation(errors)),
    }
}

/// A juror declares a conflict with one of the competition's entries.
pub(super) async fn declare(
    db: &DatabaseConnection,
    competition_id: i32,
    juror: i32,
    proposal: i32,
    reason_text: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::new();
    let reason = reason(reason_text, &mut errors);
    if !entries(db, competition_id, None)
        .await?
        .iter()
        .any(|e| e.proposal_id == proposal)
    {
        errors.add("proposal", Key::JudgingErrorEntryUnknown);
    }
    if errors.has_errors() {
        return Err(AppError::Validation(errors));
    }
    record(
        db,
        competition_id,
        juror,
        juror,
        proposal,
        ConflictKind::Declared,
        reason,
    )
    .await
}

/// `/kelola/{slug}/konflik`: every pair with a conflict or a decision, and the choices for
/// a new decision.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<ConflictsView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let jurors = jurors(db, competition.id).await?;
    let entries = entries(db, competition.id, None).await?;
    let ids: Vec<i32> = jurors.iter().map(|(id, _)| *id).collect();
    let pairs = queries::conflicts(db, competition.id, &ids, &entries).await?;
    let deciders = names(
        db,
        pairs
            .values()
            .filter_map(|p| p.decision.as_ref().and_then(|d| d.decided_by)),
    )
    .await?;
    let mut rows = Vec::new();
    for (juror, juror_name) in &jurors {
        for entry in &entries {
            let Some(pair) = pairs.get(&(*juror, entry.proposal_id)) else {
                continue;
            };
            rows.push(ConflictRow {
                juror_id: *juror,
                juror: juror_name.clone(),
                proposal_id: entry.proposal_id,
                team: entry.team.name.clone(),
                reasons: pair.reasons.clone(),
                computed: pair.computed.clone(),
                decision: pair.decision.as_ref().map(|d| {
                    (
                        d.kind,
                        d.reason.clone(),
                        d.decided_by
                            .and_then(|id| deciders.get(&id).cloned())
                            .unwrap_or_default(),
                        d.decided_at,
                    )
                }),
            });
        }
    }
    Ok(ConflictsView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        rows,
        jurors,
        entries: entries
            .iter()
            .map(|e| (e.proposal_id, entry_label(e)))
            .collect(),
    })
}

/// How an entry is named in choices: the team and the proposal's title.
pub fn entry_label(e: &queries::Entry) -> String {
    if e.title.is_empty() {
        e.team.name.clone()
    } else {
        format!("{} — {}", e.team.name, e.title)
    }
}
