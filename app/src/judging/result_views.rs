//! What the pages after a stage's ranking show: a shortlist's preview and what was fixed,
//! the final ranking with its weights, the frozen result and its check, the published
//! awards, a team's own breakdown and the presentation schedule.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::AwardKind;
use crate::competitions::Stage;
use crate::error::FieldErrors;

/// The most quota rows a shortlist form offers.
pub const QUOTA_ROWS: usize = 4;

/// A shortlist as asked for in the form (the address of its preview): the stage it goes
/// to, its size and up to [`QUOTA_ROWS`] quotas (value code, minimum, maximum), as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistAsk {
    pub to: String,
    pub size: String,
    pub quotas: Vec<(String, String, String)>,
}

impl ShortlistAsk {
    /// From the preview's address (`ke`, `jumlah`, `kuota1`, `min1`, `maks1`, …); None when
    /// nothing was asked yet.
    pub fn from_query(query: &std::collections::HashMap<String, String>) -> Option<ShortlistAsk> {
        let get = |k: &str| query.get(k).cloned().unwrap_or_default();
        if !query.contains_key("jumlah") {
            return None;
        }
        Some(ShortlistAsk {
            to: get("ke"),
            size: get("jumlah"),
            quotas: (1..=QUOTA_ROWS)
                .map(|n| {
                    (
                        get(&format!("kuota{n}")),
                        get(&format!("min{n}")),
                        get(&format!("maks{n}")),
                    )
                })
                .collect(),
        })
    }

    /// The same names and values, for the preview's address and the fixing form.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("ke".to_string(), self.to.clone()),
            ("jumlah".to_string(), self.size.clone()),
        ];
        for (i, (code, min, max)) in self.quotas.iter().enumerate() {
            let n = i + 1;
            out.push((format!("kuota{n}"), code.clone()));
            out.push((format!("min{n}"), min.clone()));
            out.push((format!("maks{n}"), max.clone()));
        }
        out
    }
}

/// A value a quota can name: `category:12`, `group:3`, `province:33`, with its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaChoice {
    pub code: String,
    pub label: String,
}

/// What a quota did to the shortlist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaLine {
    pub label: String,
    pub min: Option<usize>,
    pub max: Option<usize>,
    pub chosen: usize,
    pub brought_in: usize,
    pub kept_out: usize,
    pub unmet: usize,
}

/// Why a ranked proposal is, or is not, on the shortlist although its rank says otherwise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShortlistNote {
    /// Within the plain top N, and chosen.
    None,
    /// Brought in by the quota named.
    BroughtIn(String),
    /// Kept out by the quota named.
    KeptOut(String),
    /// Pushed out by places reserved for quotas.
    Displaced,
}

/// A ranked proposal in a shortlist's preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistLine {
    pub rank: usize,
    pub proposal_id: i32,
    pub team: String,
    pub title: String,
    pub value_milli: Option<i64>,
    pub chosen: bool,
    pub note: ShortlistNote,
}

/// A shortlist fixed earlier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedShortlist {
    pub to: Stage,
    pub size: i32,
    pub taken: i32,
    pub quotas: Vec<QuotaLine>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// `/kelola/{slug}/penilaian/{stage}/daftar-pendek`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistView {
    pub slug: String,
    pub title: String,
    pub stage: Stage,
    /// Where the shortlist may go: later judged stages, then `Results` (the finalists).
    pub targets: Vec<Stage>,
    pub choices: Vec<QuotaChoice>,
    pub ask: ShortlistAsk,
    /// The ask's problems, at its fields (empty when it was not asked or is sound).
    pub errors: FieldErrors,
    /// How many were ranked.
    pub ranked: usize,
    /// Score sheets of active assignments not yet submitted: a shortlist waits for them.
    pub unsubmitted: usize,
    pub preview: Vec<ShortlistLine>,
    pub quotas: Vec<QuotaLine>,
    pub fixed: Option<FixedShortlist>,
}

/// How the final ranking separated two equal final scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FinalTieRule {
    LastStage(Stage),
    EarlierSubmission,
    ProposalId,
}

/// A finalist in the final ranking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalLine {
    pub rank: usize,
    pub proposal_id: i32,
    pub team: String,
    pub title: String,
    pub total_milli: Option<i64>,
    pub scores: Vec<(Stage, Option<i64>)>,
    pub tie: Option<FinalTieRule>,
    pub award: Option<(AwardKind, Option<i32>)>,
}

/// What checking a frozen result found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// The scores, rankings and final ranking recomputed now give the frozen text.
    pub ranking_matches: bool,
    /// The judging record still hashes to its chain; else the first row that does not.
    pub chain_broken_at: Option<i32>,
    /// The record's row at the frozen position still has the frozen head.
    pub head_matches: bool,
    /// SHA-256 over the frozen text and head is the stored hash.
    pub hash_matches: bool,
    /// The record's row right after the frozen head says this freeze, with this hash (so
    /// the stored result cannot be replaced without rewriting the chain).
    pub seal_recorded: bool,
    /// The awards are the placings the published counts give the frozen ranking (none
    /// while not published).
    pub awards_match: bool,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.ranking_matches
            && self.chain_broken_at.is_none()
            && self.head_matches
            && self.hash_matches
            && self.seal_recorded
            && self.awards_match
    }
}

/// A frozen result: its hash and the record's head it binds, who froze and published it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub hash: String,
    pub chain_seq: i32,
    pub chain_head: String,
    pub by: String,
    pub at: DateTime<Utc>,
    pub published: Option<(String, DateTime<Utc>)>,
    pub verification: Verification,
}

/// `/kelola/{slug}/hasil-akhir`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalView {
    pub slug: String,
    pub title: String,
    /// Each judged stage with a rubric and its weight (percent).
    pub weights: Vec<(Stage, i32)>,
    /// No weights were saved: every judged stage with a rubric weighs the same.
    pub weights_default: bool,
    /// Judging has opened on a stage: the weights stay as they are.
    pub weights_locked: bool,
    /// Where the finalists come from: `Results` when a shortlist named them, else the last
    /// judged stage with entries.
    pub finalists_from: Option<Stage>,
    pub rows: Vec<FinalLine>,
    /// Finalists without a score in a weighted stage.
    pub missing: usize,
    pub frozen: Option<Frozen>,
    pub errors: FieldErrors,
}

/// `/kompetisi/{slug}/hasil`: the published ranking and anyone's check of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicResults {
    pub slug: String,
    pub title: String,
    pub frozen: Option<Frozen>,
    /// Shown once published: rank, team, agency, award, final score.
    pub rows: Vec<PublicLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicLine {
    pub rank: usize,
    pub team: String,
    pub agency: String,
    pub title: String,
    pub total_milli: Option<i64>,
    pub award: Option<(AwardKind, Option<i32>)>,
}

/// One stage of a team's own breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageBreakdown {
    pub stage: Stage,
    pub rank: Option<usize>,
    pub of: usize,
    pub raw_mean_milli: Option<i64>,
    pub normalised_milli: Option<i64>,
    /// Criterion name, mean score × 1000, scale.
    pub criteria: Vec<(String, i64, i32, i32)>,
    /// The jurors' comments for the team, numbered, never named.
    pub comments: Vec<String>,
}

/// `/tim/{id}/hasil`: a team's published result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamResults {
    pub team_id: i32,
    pub team: String,
    pub competition: String,
    pub slug: String,
    pub published: bool,
    pub final_rank: Option<usize>,
    pub finalists: usize,
    pub total_milli: Option<i64>,
    pub award: Option<(AwardKind, Option<i32>)>,
    pub stages: Vec<StageBreakdown>,
    /// The team's presentation slots: stage, start, minutes, place.
    pub slots: Vec<(Stage, DateTime<Utc>, i32, String)>,
}

/// A finalist's presentation slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotLine {
    pub proposal_id: i32,
    pub team: String,
    pub title: String,
    pub starts_at: Option<DateTime<Utc>>,
    pub minutes: Option<i32>,
    pub place: String,
}

/// `/kelola/{slug}/penilaian/{stage}/jadwal`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub slug: String,
    pub title: String,
    pub stage: Stage,
    pub slots: Vec<SlotLine>,
}
