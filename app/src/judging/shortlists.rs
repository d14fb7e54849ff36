//! Shortlists: the organizer fixes the best of a judged stage's ranking (KIPP: Top 99,
//! then Top 45), optionally with quotas per category, group or province, and sees each
//! quota's effect first (`/kelola/{slug}/penilaian/{stage}/daftar-pendek`). Fixing it
//! takes the chosen proposals on to the next judged stage (or names them the finalists),
//! closes the stage it came from (its scores no longer change), and is on the record.
//! It waits until every active assignment's sheet of the stage is submitted.
use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};

use super::audit::{self, Entry as AuditEntry};
use super::queries::{judged_stage, managed, names};
use super::shortlist_plan::{self as plan, Candidate, Dimension, PlanError, Quota};
use super::standings::{compute, ranked_value, Computed};
use super::{
    EntrySource, FixedShortlist, QuotaChoice, QuotaLine, SheetState, ShortlistAsk, ShortlistLine,
    ShortlistNote, ShortlistView, QUOTA_ROWS,
};
use crate::accounts::CurrentUser;
use crate::competitions::{OptionKind, Stage};
use crate::entities::{
    competition, competition_option, judging_stage, province, shortlist, stage_entry,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};

/// The largest shortlist asked for.
const SIZE_LIMIT: usize = 10_000;

/// The stages a shortlist from `from` may go to: later judged stages, then the final.
pub fn targets(from: Stage) -> Vec<Stage> {
    Stage::JUDGED
        .into_iter()
        .filter(|s| *s > from)
        .chain([Stage::Results])
        .collect()
}

/// The values quotas can name in this competition, with their names.
async fn choices(
    db: &impl ConnectionTrait,
    competition_id: i32,
    lang: Lang,
) -> Result<Vec<QuotaChoice>, AppError> {
    let mut out = Vec::new();
    let options = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?;
    for (kind, dimension, key) in [
        (
            OptionKind::Category,
            Dimension::Category,
            Key::ResultsQuotaCategory,
        ),
        (OptionKind::Group, Dimension::Group, Key::ResultsQuotaGroup),
    ] {
        let mut of_kind: Vec<&competition_option::Model> =
            options.iter().filter(|o| o.kind == kind).collect();
        of_kind.sort_by_key(|o| (o.position, o.id));
        for o in of_kind {
            out.push(QuotaChoice {
                code: format!("{}:{}", dimension.code(), o.id),
                label: lang.format(key, &[("name", lang.pick(&o.name_id, &o.name_en))]),
            });
        }
    }
    let mut provinces = province::Entity::find().all(db).await?;
    provinces.sort_by(|a, b| a.code.cmp(&b.code));
    for p in provinces {
        out.push(QuotaChoice {
            code: format!("{}:{}", Dimension::Province.code(), p.code),
            label: lang.format(Key::ResultsQuotaProvince, &[("name", &p.name)]),
        });
    }
    Ok(out)
}

fn quota_label(choices: &[QuotaChoice], q: &Quota) -> String {
    let code = format!("{}:{}", q.dimension.code(), q.value);
    choices
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.label.clone())
        .unwrap_or(code)
}

/// The ask, parsed: the target stage, the size and the quotas; or the problems at fields
/// `to`, `size`, `quota-{n}`, `min-{n}`, `max-{n}` (n from 1).
pub fn parse(
    ask: &ShortlistAsk,
    from: Stage,
    choices: &[QuotaChoice],
) -> Result<(Stage, usize, Vec<Quota>), FieldErrors> {
    let mut errors = FieldErrors::new();
    errors.keep("to", &ask.to);
    errors.keep("size", &ask.size);
    let to = targets(from).into_iter().find(|s| s.code() == ask.to);
    if to.is_none() {
        errors.add("to", Key::JudgingErrorChoice);
    }
    let size = match ask.size.trim().parse::<usize>() {
        Ok(n) if (1..=SIZE_LIMIT).contains(&n) => n,
        _ => {
            errors.add("size", Key::ResultsErrorSize);
            0
        }
    };
    let mut quotas = Vec::new();
    let mut rows = Vec::new();
    for (i, (code, min, max)) in ask.quotas.iter().take(QUOTA_ROWS).enumerate() {
        let n = i + 1;
        errors.keep(&format!("quota-{n}"), code);
        errors.keep(&format!("min-{n}"), min);
        errors.keep(&format!("max-{n}"), max);
        if code.trim().is_empty() {
            if !min.trim().is_empty() || !max.trim().is_empty() {
                errors.add(&format!("quota-{n}"), Key::ResultsErrorQuotaValue);
            }
            continue;
        }
        let number = |text: &str, field: String, errors: &mut FieldErrors| {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<usize>() {
                Ok(v) if v <= SIZE_LIMIT => Some(v),
                _ => {
                    errors.add(&field, Key::ResultsErrorQuotaNumber);
                    None
                }
            }
        };
        let min_v = number(min, format!("min-{n}"), &mut errors);
        let max_v = number(max, format!("max-{n}"), &mut errors);
        let parsed = code.trim().split_once(':').and_then(|(d, v)| {
            Dimension::parse(d).map(|d| Quota {
                dimension: d,
                value: v.to_string(),
                min: min_v,
                max: max_v,
            })
        });
        match parsed {
            Some(q) if choices.iter().any(|c| c.code == code.trim()) => {
                rows.push(n);
                quotas.push(q);
            }
            _ => errors.add(&format!("quota-{n}"), Key::ResultsErrorQuotaValue),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    // The planner checks the quotas against each other; its findings go to their rows.
    if let Err(e) = plan::plan(&[], size, &quotas) {
        match e {
            PlanError::EmptySize => errors.add("size", Key::ResultsErrorSize),
            PlanError::ReservedAboveSize => errors.add("size", Key::ResultsErrorReserved),
            PlanError::Empty(i) => {
                errors.add(&format!("min-{}", rows[i]), Key::ResultsErrorQuotaEmpty)
            }
            PlanError::MinAboveMax(i) => {
                errors.add(&format!("max-{}", rows[i]), Key::ResultsErrorMinAboveMax)
            }
            PlanError::Duplicate(i) => errors.add(
                &format!("quota-{}", rows[i]),
                Key::ResultsErrorQuotaDuplicate,
            ),
        }
        return Err(errors);
    }
    Ok((to.unwrap_or(Stage::Results), size, quotas))
}

/// The stage's ranked proposals as the planner's candidates: only those with a score (an
/// entry nobody scored cannot be shortlisted, not even by a quota).
fn candidates(ranked: &Computed) -> Vec<Candidate> {
    let teams: HashMap<i32, &crate::entities::team::Model> = ranked
        .entries
        .iter()
        .map(|e| (e.proposal_id, &e.team))
        .collect();
    ranked
        .rows
        .iter()
        .filter(|r| ranked_value(&ranked.settings, r).is_some())
        .filter_map(|r| {
            let team = teams.get(&r.proposal_id)?;
            Some(Candidate {
                proposal_id: r.proposal_id,
                rank: r.rank,
                category: team.category_option_id.map(|id| id.to_string()),
                group: team.group_option_id.map(|id| id.to_string()),
                province: team.province_code.clone(),
            })
        })
        .collect()
}

/// Score sheets of active assignments in the stage that are not submitted.
fn unsubmitted(ranked: &Computed) -> usize {
    ranked
        .active
        .iter()
        .filter(|a| {
            !ranked
                .sheets
                .iter()
                .any(|s| s.assignment_id == a.id && s.state == SheetState::Submitted)
        })
        .count()
}

async fn fixed_row(
    db: &impl ConnectionTrait,
    competition_id: i32,
    from: Stage,
) -> Result<Option<shortlist::Model>, AppError> {
    Ok(shortlist::Entity::find()
        .filter(shortlist::Column::CompetitionId.eq(competition_id))
        .filter(shortlist::Column::FromStage.eq(from))
        .one(db)
        .await?)
}

/// The quota lines of a plan.
fn quota_lines(
    choices: &[QuotaChoice],
    quotas: &[Quota],
    effects: &[plan::QuotaEffect],
) -> Vec<QuotaLine> {
    quotas
        .iter()
        .zip(effects)
        .map(|(q, e)| QuotaLine {
            label: quota_label(choices, q),
            min: q.min,
            max: q.max,
            chosen: e.chosen,
            brought_in: e.brought_in.len(),
            kept_out: e.kept_out.len(),
            unmet: e.unmet,
        })
        .collect()
}

/// The shortlist page: the form, and the preview of `ask` when one was asked.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    ask: Option<ShortlistAsk>,
    lang: Lang,
) -> Result<ShortlistView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let from = judged_stage(stage)?;
    let choices = choices(db, competition.id, lang).await?;
    let ranked = compute(db, competition.id, from).await?;
    let fixed = match fixed_row(db, competition.id, from).await? {
        Some(row) => {
            let quotas = plan::parse_quotas(&row.quotas).unwrap_or_default();
            let people = names(db, row.decided_by).await?;
            // The effect as fixed, from the stage's ranking (closed since, so unchanged).
            let effects = plan::plan(&candidates(&ranked), row.size.max(1) as usize, &quotas)
                .map(|p| p.effects)
                .unwrap_or_default();
            Some(FixedShortlist {
                to: row.to_stage,
                size: row.size,
                taken: row.taken,
                quotas: quota_lines(&choices, &quotas, &effects),
                by: row
                    .decided_by
                    .and_then(|id| people.get(&id).cloned())
                    .unwrap_or_default(),
                at: row.decided_at,
            })
        }
        None => None,
    };
    let mut out = ShortlistView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        stage: from,
        targets: targets(from),
        choices: choices.clone(),
        ask: ask.clone().unwrap_or_default(),
        errors: FieldErrors::new(),
        ranked: ranked.rows.len(),
        unsubmitted: unsubmitted(&ranked),
        preview: Vec::new(),
        quotas: Vec::new(),
        fixed,
    };
    let Some(ask) = ask else { return Ok(out) };
    let (_, size, quotas) = match parse(&ask, from, &choices) {
        Ok(parsed) => parsed,
        Err(errors) => {
            out.errors = errors;
            return Ok(out);
        }
    };
    let plan = plan::plan(&candidates(&ranked), size, &quotas).map_err(|_| AppError::BadRequest)?;
    out.quotas = quota_lines(&choices, &quotas, &plan.effects);
    out.preview = lines(&ranked, &plan, &quotas, &choices);
    Ok(out)
}

/// Every ranked proposal with whether it is chosen and why, when its rank alone would say
/// otherwise.
fn lines(
    ranked: &Computed,
    plan: &plan::Plan,
    quotas: &[Quota],
    choices: &[QuotaChoice],
) -> Vec<ShortlistLine> {
    let by_id: HashMap<i32, &super::queries::Entry> =
        ranked.entries.iter().map(|e| (e.proposal_id, e)).collect();
    let note = |id: i32| {
        for (q, e) in quotas.iter().zip(&plan.effects) {
            if e.brought_in.contains(&id) {
                return ShortlistNote::BroughtIn(quota_label(choices, q));
            }
            if e.kept_out.contains(&id) {
                return ShortlistNote::KeptOut(quota_label(choices, q));
            }
        }
        if plan.displaced.contains(&id) {
            ShortlistNote::Displaced
        } else {
            ShortlistNote::None
        }
    };
    ranked
        .rows
        .iter()
        .map(|r| {
            let entry = by_id.get(&r.proposal_id);
            ShortlistLine {
                rank: r.rank,
                proposal_id: r.proposal_id,
                team: entry.map(|e| e.team.name.clone()).unwrap_or_default(),
                title: entry.map(|e| e.title.clone()).unwrap_or_default(),
                value_milli: ranked_value(&ranked.settings, r),
                chosen: plan.chosen.contains(&r.proposal_id),
                note: note(r.proposal_id),
            }
        })
        .collect()
}

/// Fixes the shortlist (see the module's comment); the ask is parsed again and the ranking
/// recomputed under the judging lock, so what is fixed is what the stage holds now.
#[tracing::instrument(skip(db, by, ask))]
pub async fn fix(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    ask: &ShortlistAsk,
    lang: Lang,
) -> Result<(), AppError> {
    let (competition, user) = managed(db, by, slug).await?;
    let from = judged_stage(stage)?;
    let choices = choices(db, competition.id, lang).await?;
    let (to, size, quotas) = parse(ask, from, &choices).map_err(AppError::Validation)?;
    let txn = crate::db::begin_write(db).await?;
    audit::lock(&txn, competition.id).await?;
    let ranked = compute(&txn, competition.id, from).await?;
    let field = |key| AppError::field("fix", key);
    if fixed_row(&txn, competition.id, from).await?.is_some() {
        return Err(field(Key::ResultsErrorAlreadyFixed));
    }
    if ranked.rows.is_empty() {
        return Err(field(Key::JudgingErrorNoEntries));
    }
    if unsubmitted(&ranked) > 0 {
        return Err(field(Key::ResultsErrorUnsubmitted));
    }
    let taken = stage_entry::Entity::find()
        .filter(stage_entry::Column::CompetitionId.eq(competition.id))
        .filter(stage_entry::Column::Stage.eq(to))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(field(Key::ResultsErrorTargetTaken));
    }
    let plan = plan::plan(&candidates(&ranked), size, &quotas).map_err(|_| AppError::BadRequest)?;
    let now = audit::now();
    for id in &plan.chosen {
        stage_entry::ActiveModel {
            competition_id: Set(competition.id),
            stage: Set(to),
            proposal_id: Set(*id),
            source: Set(EntrySource::Shortlist),
            added_by: Set(Some(user.id)),
            added_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    close_stage(&txn, &competition, from, user.id, now).await?;
    let code = plan::quotas_code(&quotas);
    shortlist::ActiveModel {
        competition_id: Set(competition.id),
        from_stage: Set(from),
        to_stage: Set(to),
        size: Set(size as i32),
        quotas: Set(code.clone()),
        taken: Set(plan.chosen.len() as i32),
        decided_by: Set(Some(user.id)),
        decided_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::append(
        &txn,
        competition.id,
        Some(user.id),
        AuditEntry {
            kind: "shortlist_fixed",
            subject: format!("{}>{}", from.code(), to.code()),
            before: format!("ranked={}", ranked.rows.len()),
            after: format!(
                "size={size}; quotas={code}; taken={}; proposals={}",
                plan.chosen.len(),
                plan.chosen
                    .iter()
                    .map(|id| id.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Marks a judged stage closed: its sheets no longer change.
async fn close_stage(
    txn: &impl ConnectionTrait,
    competition: &competition::Model,
    stage: Stage,
    by: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let settings = super::settings::load(txn, competition.id, stage).await?;
    let model = judging_stage::ActiveModel {
        competition_id: Set(competition.id),
        stage: Set(stage),
        closed_at: Set(Some(now)),
        closed_by: Set(Some(by)),
        blind: Set(settings.blind),
        peer_visibility: Set(settings.peer_visibility),
        tie_criterion_id: Set(settings.tie_criterion_id),
        min_sample: Set(settings.min_sample),
        divergence_milli: Set(settings.divergence_milli),
        rank_by: Set(settings.rank_by),
        ..Default::default()
    };
    if settings.id == 0 {
        model.insert(txn).await?;
    } else {
        let mut model = model;
        model.id = Set(settings.id);
        model.update(txn).await?;
    }
    Ok(())
}
