//! Who judges what in a stage. The organizer runs the planner (`assign::plan`: k jurors
//! per entry, a maximum load, never a conflicted pair, experts first, the same result for
//! the same input and seed) or adds and removes a juror by hand; a conflicted pair is
//! refused with its reasons. Existing assignments stay; a pair removed by hand is not
//! proposed again by a run. Every run and change is on the record.
use std::collections::{BTreeSet, HashMap};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::assign;
use super::audit::{self, Entry as AuditEntry};
use super::queries::{conflicts, entries, judged_stage, jurors, managed, names, Entry};
use super::{
    Assigned, AssignmentSource, Conflicted, EntryRow, JurorRow, RunView, ShortView, StageView,
};
use crate::accounts::CurrentUser;
use crate::competitions::{OptionKind, Stage};
use crate::entities::{assignment, assignment_run, juror_expertise};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// The most jurors a run may give one entry, and the most entries one juror may get.
pub const MAX_K: usize = 20;
pub const MAX_LOAD: usize = 1000;

/// The active assignments of a stage.
pub async fn active(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<Vec<assignment::Model>, AppError> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition_id))
        .filter(assignment::Column::Stage.eq(stage))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?)
    .map(|rows| rows.into_iter().filter(|a| a.active).collect())
}

/// Each juror's stated categories (option ids).
pub async fn expertise(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<HashMap<i32, Vec<i32>>, AppError> {
    let mut out: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in juror_expertise::Entity::find()
        .filter(juror_expertise::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
    {
        out.entry(row.juror_id).or_default().push(row.option_id);
    }
    Ok(out)
}

fn number(errors: &mut FieldErrors, field: &str, text: &str, range: (u64, u64)) -> Option<u64> {
    errors.keep(field, text);
    match text.trim().parse::<u64>() {
        Ok(n) if n >= range.0 && n <= range.1 => Some(n),
        _ => {
            errors.add(field, Key::JudgingErrorNumber);
            None
        }
    }
}

/// Runs the planner on a stage's entries and stores what it adds.
#[tracing::instrument(skip(db, by))]
pub async fn run(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    k: &str,
    max_load: &str,
    seed: &str,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let mut errors = FieldErrors::new();
    let k = number(&mut errors, "k", k, (1, MAX_K as u64));
    let max_load = number(&mut errors, "max_load", max_load, (1, MAX_LOAD as u64));
    let seed = number(&mut errors, "seed", seed, (0, i64::MAX as u64));
    let (Some(k), Some(max_load), Some(seed)) = (k, max_load, seed) else {
        return Err(AppError::Validation(errors));
    };
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    refuse_closed(&txn, competition.id, stage, "k").await?;
    let entries = entries(&txn, competition.id, Some(stage)).await?;
    if entries.is_empty() {
        return Err(AppError::field("k", Key::JudgingErrorNoEntries));
    }
    let jurors = jurors(&txn, competition.id).await?;
    if jurors.is_empty() {
        return Err(AppError::field("k", Key::JudgingErrorNoJurors));
    }
    let ids: Vec<i32> = jurors.iter().map(|(id, _)| *id).collect();
    let pairs = conflicts(&txn, competition.id, &ids, &entries).await?;
    let mut blocked: BTreeSet<(i32, i32)> = pairs
        .iter()
        .filter(|(_, p)| !p.reasons.is_empty())
        .map(|(&pair, _)| pair)
        .collect();
    let rows = assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition.id))
        .filter(assignment::Column::Stage.eq(stage))
        .all(&txn)
        .await?;
    // A pair removed by hand is not proposed again.
    blocked.extend(
        rows.iter()
            .filter(|a| !a.active)
            .map(|a| (a.juror_id, a.proposal_id)),
    );
    let kept: Vec<(i32, i32)> = rows
        .iter()
        .filter(|a| a.active)
        .map(|a| (a.proposal_id, a.juror_id))
        .collect();
    let expertise = expertise(&txn, competition.id).await?;
    let input = assign::Input {
        k: k as usize,
        max_load: max_load as usize,
        proposals: entries
            .iter()
            .map(|e| assign::Proposal {
                id: e.proposal_id,
                category: e.team.category_option_id,
            })
            .collect(),
        jurors: ids
            .iter()
            .map(|&id| assign::Juror {
                id,
                expertise: expertise.get(&id).cloned().unwrap_or_default(),
            })
            .collect(),
        conflicts: blocked,
        kept,
    };
    let plan = assign::plan(&input, seed);
    let fingerprint: String = Sha256::digest(assign::canonical(&input, seed).as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let at = audit::now();
    let run = assignment_run::ActiveModel {
        competition_id: Set(competition.id),
        stage: Set(stage),
        seed: Set(seed as i64),
        k: Set(k as i32),
        max_load: Set(max_load as i32),
        fingerprint: Set(fingerprint.clone()),
        added: Set(plan.pairs.len() as i32),
        short: Set(plan.shortfalls.len() as i32),
        run_by: Set(Some(user.id)),
        run_at: Set(at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for &(proposal, juror) in &plan.pairs {
        assignment::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(stage),
            proposal_id: Set(proposal),
            juror_id: Set(juror),
            active: Set(true),
            source: Set(AssignmentSource::Auto),
            run_id: Set(Some(run.id)),
            changed_by: Set(Some(user.id)),
            changed_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "assignment_run",
            subject: format!("{} run:{}", stage.code(), run.id),
            before: format!("active={}", input.kept.len()),
            after: format!(
                "seed={seed} k={k} max_load={max_load} input_sha256={fingerprint} added={} short={} pairs={}",
                plan.pairs.len(),
                plan.shortfalls.len(),
                plan.pairs
                    .iter()
                    .map(|(p, j)| format!("{p}:{j}"))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What ending these assignments takes out of the standings: their submitted sheets
/// (`; no longer counting: sheet:7 total_milli=81250`), or nothing.
pub async fn sheets_ending(
    txn: &impl ConnectionTrait,
    assignment_ids: &[i32],
) -> Result<String, AppError> {
    use crate::entities::score_sheet;
    let sheets: Vec<String> = score_sheet::Entity::find()
        .filter(score_sheet::Column::AssignmentId.is_in(assignment_ids.iter().copied()))
        .filter(score_sheet::Column::State.eq(super::SheetState::Submitted))
        .order_by_asc(score_sheet::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|s| {
            format!(
                "sheet:{} total_milli={}",
                s.id,
                s.total_milli.unwrap_or_default()
            )
        })
        .collect();
    Ok(if sheets.is_empty() {
        String::new()
    } else {
        format!("; no longer counting: {}", sheets.join(", "))
    })
}

/// Finds the entry `proposal` in `stage` and checks `juror` is a juror, or says which is
/// wrong at its field.
async fn pair_of(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
    proposal: i32,
    juror: i32,
) -> Result<Entry, AppError> {
    let entry = entries(db, competition_id, Some(stage))
        .await?
        .into_iter()
        .find(|e| e.proposal_id == proposal)
        .ok_or_else(|| AppError::field("proposal", Key::JudgingErrorEntryUnknown))?;
    if !jurors(db, competition_id)
        .await?
        .iter()
        .any(|(id, _)| *id == juror)
    {
        return Err(AppError::field("juror", Key::JudgingErrorJurorUnknown));
    }
    Ok(entry)
}

/// The organizer assigns a juror to an entry by hand: refused, with the reasons, for a
/// conflicted pair, and for a pair already assigned.
#[tracing::instrument(skip(db, by))]
pub async fn add(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    proposal: i32,
    juror: i32,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    if juror == user.id && !user.is_admin {
        // An organizer who is also a juror does not pick their own proposals.
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    refuse_closed(&txn, competition.id, stage, "juror").await?;
    let entry = pair_of(&txn, competition.id, stage, proposal, juror).await?;
    let standing = conflicts(&txn, competition.id, &[juror], &[entry])
        .await?
        .remove(&(juror, proposal))
        .map(|p| p.reasons)
        .unwrap_or_default();
    if !standing.is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("juror", Key::JudgingErrorConflicted);
        for reason in &standing {
            errors.add("juror", reason.label());
        }
        return Err(AppError::Validation(errors));
    }
    let existing = assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition.id))
        .filter(assignment::Column::Stage.eq(stage))
        .filter(assignment::Column::ProposalId.eq(proposal))
        .filter(assignment::Column::JurorId.eq(juror))
        .one(&txn)
        .await?;
    let at = audit::now();
    let before = match existing {
        Some(row) if row.active => {
            return Err(AppError::field("juror", Key::JudgingErrorAlreadyAssigned));
        }
        Some(row) => {
            let mut update: assignment::ActiveModel = row.into();
            update.active = Set(true);
            update.source = Set(AssignmentSource::Manual);
            update.run_id = Set(None);
            update.changed_by = Set(Some(user.id));
            update.changed_at = Set(at);
            update.update(&txn).await?;
            "removed"
        }
        None => {
            assignment::ActiveModel {
                competition_id: Set(competition.id),
                stage: Set(stage),
                proposal_id: Set(proposal),
                juror_id: Set(juror),
                active: Set(true),
                source: Set(AssignmentSource::Manual),
                run_id: Set(None),
                changed_by: Set(Some(user.id)),
                changed_at: Set(at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            ""
        }
    };
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "assignment_added",
            subject: format!("{} proposal:{proposal} juri:{juror}", stage.code()),
            before: before.to_string(),
            after: "active".to_string(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The organizer removes a juror from an entry. The row stays, inactive, on the record.
#[tracing::instrument(skip(db, by))]
pub async fn remove(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    proposal: i32,
    juror: i32,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    refuse_closed(&txn, competition.id, stage, "juror").await?;
    let ids: Vec<i32> = assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition.id))
        .filter(assignment::Column::Stage.eq(stage))
        .filter(assignment::Column::ProposalId.eq(proposal))
        .filter(assignment::Column::JurorId.eq(juror))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let ending = sheets_ending(&txn, &ids).await?;
    let changed = assignment::Entity::update_many()
        .col_expr(
            assignment::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .col_expr(
            assignment::Column::ChangedBy,
            sea_orm::sea_query::Expr::value(user.id),
        )
        .col_expr(
            assignment::Column::ChangedAt,
            sea_orm::sea_query::Expr::value(audit::now()),
        )
        .filter(assignment::Column::CompetitionId.eq(competition.id))
        .filter(assignment::Column::Stage.eq(stage))
        .filter(assignment::Column::ProposalId.eq(proposal))
        .filter(assignment::Column::JurorId.eq(juror))
        .filter(assignment::Column::Active.eq(true))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "assignment_removed",
            subject: format!("{} proposal:{proposal} juri:{juror}", stage.code()),
            before: "active".to_string(),
            after: format!("removed{ending}"),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// `/kelola/{slug}/penilaian/{stage}`.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
) -> Result<StageView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let entries = entries(db, competition.id, Some(stage)).await?;
    let jurors = jurors(db, competition.id).await?;
    let ids: Vec<i32> = jurors.iter().map(|(id, _)| *id).collect();
    let pairs = conflicts(db, competition.id, &ids, &entries).await?;
    let active = active(db, competition.id, stage).await?;
    let expertise = expertise(db, competition.id).await?;
    let options = crate::competitions::queries::option_names(db, competition.id, lang).await?;
    let categories: Vec<i32> =
        crate::competitions::queries::option_rows(db, competition.id, OptionKind::Category)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
    let name_of: HashMap<i32, String> = jurors.iter().cloned().collect();
    let run = assignment_run::Entity::find()
        .filter(assignment_run::Column::CompetitionId.eq(competition.id))
        .filter(assignment_run::Column::Stage.eq(stage))
        .order_by_desc(assignment_run::Column::Id)
        .one(db)
        .await?;
    let runner = names(db, run.as_ref().and_then(|r| r.run_by)).await?;
    let done: std::collections::HashSet<i32> = crate::entities::score_sheet::Entity::find()
        .filter(crate::entities::score_sheet::Column::CompetitionId.eq(competition.id))
        .filter(crate::entities::score_sheet::Column::Stage.eq(stage))
        .filter(crate::entities::score_sheet::Column::State.eq(super::SheetState::Submitted))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.assignment_id)
        .collect();
    let reminded = audit::newest(db, competition.id, "jurors_reminded", stage.code()).await?;
    let conflicted = |juror: i32, proposal: i32| {
        pairs
            .get(&(juror, proposal))
            .map(|p| p.reasons.clone())
            .unwrap_or_default()
    };
    let rows: Vec<EntryRow> = entries
        .iter()
        .map(|e| EntryRow {
            proposal_id: e.proposal_id,
            team_id: e.team.id,
            team: e.team.name.clone(),
            title: e.title.clone(),
            category: e
                .team
                .category_option_id
                .and_then(|c| options.get(&c).cloned())
                .unwrap_or_default(),
            jurors: active
                .iter()
                .filter(|a| a.proposal_id == e.proposal_id)
                .map(|a| Assigned {
                    juror_id: a.juror_id,
                    name: name_of.get(&a.juror_id).cloned().unwrap_or_default(),
                    source: a.source,
                })
                .collect(),
            conflicted: jurors
                .iter()
                .filter_map(|(id, name)| {
                    let reasons = conflicted(*id, e.proposal_id);
                    (!reasons.is_empty()).then(|| Conflicted {
                        juror_id: *id,
                        name: name.clone(),
                        reasons,
                    })
                })
                .collect(),
        })
        .collect();
    let shortfalls = match &run {
        Some(run) => rows
            .iter()
            .filter(|r| r.jurors.len() < run.k as usize)
            .map(|r| ShortView {
                team: r.team.clone(),
                assigned: r.jurors.len(),
                free: jurors.len() - r.conflicted.len(),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(StageView {
        reminded,
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        stage,
        jurors: jurors
            .iter()
            .map(|(id, name)| JurorRow {
                id: *id,
                name: name.clone(),
                load: active.iter().filter(|a| a.juror_id == *id).count(),
                submitted: active
                    .iter()
                    .filter(|a| a.juror_id == *id && done.contains(&a.id))
                    .count(),
                conflicts: rows
                    .iter()
                    .filter(|r| r.conflicted.iter().any(|c| c.juror_id == *id))
                    .count(),
                expertise: expertise
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter(|o| categories.contains(o))
                    .filter_map(|o| options.get(o).cloned())
                    .collect(),
            })
            .collect(),
        entries: rows,
        run: run.map(|r| RunView {
            seed: r.seed,
            k: r.k,
            max_load: r.max_load,
            fingerprint: r.fingerprint,
            added: r.added,
            short: r.short,
            by: r
                .run_by
                .and_then(|id| runner.get(&id).cloned())
                .unwrap_or_default(),
            at: r.run_at,
        }),
        shortfalls,
    })
}

/// Assignments of a stage closed by its shortlist no longer change: its sheets decided it.
async fn refuse_closed(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
    field: &str,
) -> Result<(), AppError> {
    if super::queries::stage_closed(txn, competition_id, stage).await? {
        return Err(AppError::field(field, Key::ResultsErrorStageClosed));
    }
    Ok(())
}

/// A juror's role was revoked: their active assignments end (kept, inactive), on the
/// record, in the revocation's transaction. Once the results are frozen they stay as they
/// were judged (the revoked juror can no longer act on them anyway).
pub async fn end_juror(
    txn: &impl ConnectionTrait,
    competition_id: i32,
    juror: i32,
    by: i32,
) -> Result<(), AppError> {
    audit::lock_any(txn, competition_id).await?;
    if audit::frozen(txn, competition_id).await? {
        return Ok(());
    }
    // Those of a stage closed by its shortlist stay as they were judged.
    let closed = super::queries::closed_stages(txn, competition_id).await?;
    let rows: Vec<assignment::Model> = assignment::Entity::find()
        .filter(assignment::Column::CompetitionId.eq(competition_id))
        .filter(assignment::Column::JurorId.eq(juror))
        .filter(assignment::Column::Active.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .filter(|a| !closed.contains(&a.stage))
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    assignment::Entity::update_many()
        .col_expr(
            assignment::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .col_expr(
            assignment::Column::ChangedBy,
            sea_orm::sea_query::Expr::value(by),
        )
        .col_expr(
            assignment::Column::ChangedAt,
            sea_orm::sea_query::Expr::value(audit::now()),
        )
        .filter(assignment::Column::Id.is_in(rows.iter().map(|a| a.id)))
        .exec(txn)
        .await?;
    audit::append(
        txn,
        competition_id,
        Some(by),
        AuditEntry {
            kind: "assignments_ended",
            subject: format!("juri:{juror}"),
            before: rows
                .iter()
                .map(|a| format!("{}:{}", a.stage.code(), a.proposal_id))
                .collect::<Vec<_>>()
                .join(","),
            after: format!(
                "role revoked{}",
                sheets_ending(txn, &rows.iter().map(|a| a.id).collect::<Vec<_>>()).await?
            ),
        },
    )
    .await
}
