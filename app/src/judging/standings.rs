//! A stage's standings for its organizers: each proposal's mean raw total and normalised
//! total side by side, the jurors' agreement (standard deviation, range) with the
//! divergence flag, the tie-break applied, every sheet (to reopen one), and each juror's
//! spread and leniency. The numbers come from `ranking`, the same code any later result
//! is computed with.
use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::queries::{entries, judged_stage, managed, names};
use super::ranking;
use super::scoring::rules;
use super::settings::{criteria, load};
use super::{JurorSpread, RankBy, ResultRow, ResultsView, SheetLine, SheetState, TieRule};
use crate::accounts::CurrentUser;
use crate::competitions::Stage;
use crate::entities::{proposal, score_item, score_sheet};
use crate::error::AppError;
use crate::i18n::Lang;

/// A stage's ranking as every later step reads it (the standings page, a shortlist, the
/// final ranking, a frozen result): its entries, its sheets, the counted ones and the rows.
pub struct Computed {
    pub settings: crate::entities::judging_stage::Model,
    pub criteria: Vec<crate::entities::rubric_criterion::Model>,
    pub entries: Vec<super::queries::Entry>,
    /// Every sheet of the stage, by id.
    pub sheets: Vec<score_sheet::Model>,
    /// The submitted sheets that count, with their scores.
    pub counted: Vec<ranking::Sheet>,
    /// Every sheet's scores as saved, by sheet id.
    pub items: HashMap<i32, Vec<(i32, i32)>>,
    pub active: Vec<crate::entities::assignment::Model>,
    pub rows: Vec<ranking::Row>,
}

/// Ranks `stage` of the competition from what is stored now.
pub async fn compute(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<Computed, AppError> {
    let settings = load(db, competition_id, stage).await?;
    let criteria_rows = criteria(db, competition_id, stage).await?;
    let entries = entries(db, competition_id, Some(stage)).await?;
    let submitted_at: HashMap<i32, i64> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(entries.iter().map(|e| e.proposal_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            (
                p.id,
                p.submitted_at
                    .map(|t| t.timestamp_micros())
                    .unwrap_or(i64::MAX),
            )
        })
        .collect();
    let sheets = score_sheet::Entity::find()
        .filter(score_sheet::Column::CompetitionId.eq(competition_id))
        .filter(score_sheet::Column::Stage.eq(stage))
        .order_by_asc(score_sheet::Column::Id)
        .all(db)
        .await?;
    let mut items: HashMap<i32, Vec<(i32, i32)>> = HashMap::new();
    for item in score_item::Entity::find()
        .filter(score_item::Column::SheetId.is_in(sheets.iter().map(|s| s.id)))
        .order_by_asc(score_item::Column::Id)
        .all(db)
        .await?
    {
        items
            .entry(item.sheet_id)
            .or_default()
            .push((item.criterion_id, item.score));
    }
    // A sheet counts while its assignment does (a juror removed, conflicted or revoked
    // since no longer counts) and its proposal is an entry of the stage.
    let active = super::assignments::active(db, competition_id, stage).await?;
    let counting: std::collections::HashSet<i32> = active.iter().map(|a| a.id).collect();
    let entered: std::collections::HashSet<i32> = entries.iter().map(|e| e.proposal_id).collect();
    let counted: Vec<ranking::Sheet> = sheets
        .iter()
        .filter(|s| s.state == SheetState::Submitted)
        .filter(|s| counting.contains(&s.assignment_id) && entered.contains(&s.proposal_id))
        .map(|s| ranking::Sheet {
            id: s.id,
            proposal_id: s.proposal_id,
            juror_id: s.juror_id,
            scores: items.get(&s.id).cloned().unwrap_or_default(),
        })
        .collect();
    let rows = ranking::rank(
        &rules(&criteria_rows),
        &entries
            .iter()
            .map(|e| ranking::Entry {
                proposal_id: e.proposal_id,
                submitted_at_micros: submitted_at
                    .get(&e.proposal_id)
                    .copied()
                    .unwrap_or(i64::MAX),
            })
            .collect::<Vec<_>>(),
        &counted,
        &ranking_settings(&settings),
    );
    Ok(Computed {
        settings,
        criteria: criteria_rows,
        entries,
        sheets,
        counted,
        items,
        active,
        rows,
    })
}

/// The pure ranking's settings from the stored ones.
pub fn ranking_settings(settings: &crate::entities::judging_stage::Model) -> ranking::Settings {
    ranking::Settings {
        rank_by: match settings.rank_by {
            RankBy::Raw => ranking::RankBy::Raw,
            RankBy::Normalised => ranking::RankBy::Normalised,
        },
        min_sample: settings.min_sample.max(0) as usize,
        divergence_milli: settings.divergence_milli,
        tie_criterion: settings.tie_criterion_id,
    }
}

/// The value a row is ranked by under the stage's settings.
pub fn ranked_value(
    settings: &crate::entities::judging_stage::Model,
    row: &ranking::Row,
) -> Option<i64> {
    match settings.rank_by {
        RankBy::Raw => row.raw_mean_milli,
        RankBy::Normalised => row.normalised_milli,
    }
}

/// `/kelola/{slug}/penilaian/{stage}/hasil`.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
) -> Result<ResultsView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let stage = judged_stage(stage)?;
    let Computed {
        criteria: criteria_rows,
        entries,
        sheets,
        counted: submitted,
        items,
        active,
        rows,
        ..
    } = compute(db, competition.id, stage).await?;
    let criterion_names: HashMap<i32, String> = criteria_rows
        .iter()
        .map(|c| (c.id, lang.pick(&c.name_id, &c.name_en).to_string()))
        .collect();
    let rules = rules(&criteria_rows);
    let assigned: HashMap<i32, usize> = active.into_iter().fold(HashMap::new(), |mut m, a| {
        *m.entry(a.proposal_id).or_default() += 1;
        m
    });
    let by_proposal: HashMap<i32, &super::queries::Entry> =
        entries.iter().map(|e| (e.proposal_id, e)).collect();
    let people = names(db, sheets.iter().map(|s| s.juror_id)).await?;
    Ok(ResultsView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        stage,
        settings: super::settings::view(db, competition.id, stage, lang).await?,
        rows: rows
            .into_iter()
            .map(|r| {
                let entry = by_proposal.get(&r.proposal_id);
                ResultRow {
                    rank: r.rank,
                    proposal_id: r.proposal_id,
                    team: entry.map(|e| e.team.name.clone()).unwrap_or_default(),
                    title: entry.map(|e| e.title.clone()).unwrap_or_default(),
                    submitted: r.sheets,
                    assigned: assigned.get(&r.proposal_id).copied().unwrap_or_default(),
                    raw_mean_milli: r.raw_mean_milli,
                    normalised_milli: r.normalised_milli,
                    fallback: r.fallback,
                    sd_milli: r.sd_milli,
                    range_milli: r.range_milli,
                    divergent: r.divergent,
                    tie: r.tie_broken_by.map(|t| match t {
                        ranking::TieBreak::Criterion(id) => TieRule::Criterion(
                            criterion_names.get(&id).cloned().unwrap_or_default(),
                        ),
                        ranking::TieBreak::EarlierSubmission => TieRule::EarlierSubmission,
                        ranking::TieBreak::ProposalId => TieRule::ProposalId,
                    }),
                }
            })
            .collect(),
        sheets: sheets
            .iter()
            .map(|s| SheetLine {
                sheet_id: s.id,
                proposal_id: s.proposal_id,
                juror: people.get(&s.juror_id).cloned().unwrap_or_default(),
                state: s.state,
                total_milli: s.total_milli,
                submitted_at: s.submitted_at,
                comment_team: s.comment_team.clone(),
                comment_panel: s.comment_panel.clone(),
                scores: items.get(&s.id).cloned().unwrap_or_default(),
            })
            .collect(),
        jurors: ranking::juror_stats(&rules, &submitted)
            .into_iter()
            .map(|j| JurorSpread {
                totals_milli: submitted
                    .iter()
                    .filter(|s| s.juror_id == j.juror_id)
                    .filter_map(|s| ranking::sheet_total_milli(&rules, &s.scores))
                    .collect(),
                name: people.get(&j.juror_id).cloned().unwrap_or_default(),
                sheets: j.sheets,
                mean_milli: j.mean_milli,
                sd_milli: j.sd_milli,
                leniency_milli: j.leniency_milli,
            })
            .collect(),
    })
}
