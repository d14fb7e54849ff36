//! What judging's pages show: the DTOs its server functions return, and how numbers are
//! written.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AssignmentSource, ConflictKind, ConflictReason, PeerVisibility, RankBy, SheetState};
use crate::competitions::Stage;
use crate::i18n::{Key, Lang};

/// The longest reason a person may give for a conflict decision.
pub const REASON_LIMIT: usize = 1000;

/// A juror, as organizers see them on a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorRow {
    pub id: i32,
    pub name: String,
    pub load: usize,
    /// Of `load`, the sheets submitted.
    pub submitted: usize,
    pub conflicts: usize,
    pub expertise: Vec<String>,
}

/// A juror assigned to an entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    pub juror_id: i32,
    pub name: String,
    pub source: AssignmentSource,
}

/// A conflicted juror of an entry, with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflicted {
    pub juror_id: i32,
    pub name: String,
    pub reasons: Vec<ConflictReason>,
}

/// A proposal in a stage, with its jurors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryRow {
    pub proposal_id: i32,
    pub team_id: i32,
    pub team: String,
    pub title: String,
    pub category: String,
    pub jurors: Vec<Assigned>,
    pub conflicted: Vec<Conflicted>,
}

/// The newest run of the planner on a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub seed: i64,
    pub k: i32,
    pub max_load: i32,
    pub fingerprint: String,
    pub added: i32,
    pub short: i32,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// An entry that has fewer jurors than the newest run asked for, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortView {
    pub team: String,
    pub assigned: usize,
    pub free: usize,
}

/// `/kelola/{slug}/penilaian/{stage}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageView {
    /// When jurors were last reminded of their sheets in this stage.
    pub reminded: Option<DateTime<Utc>>,
    pub slug: String,
    pub title: String,
    pub stage: Stage,
    pub entries: Vec<EntryRow>,
    pub jurors: Vec<JurorRow>,
    pub run: Option<RunView>,
    pub shortfalls: Vec<ShortView>,
}

/// Administrative selection's counts and standing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectionView {
    pub submitted: usize,
    pub eligible: usize,
    pub ineligible: usize,
    pub undecided: usize,
    /// Who closed it, and when.
    pub closed: Option<(String, DateTime<Utc>)>,
}

/// One judged stage on the overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub stage: Stage,
    pub entries: usize,
    pub assignments: usize,
}

/// One decision on the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub seq: i32,
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// Whether the record still hashes to its stored chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub entries: i32,
    pub head: String,
    /// The first sequence number whose row does not hash as stored (or is missing).
    pub broken_at: Option<i32>,
}

/// `/kelola/{slug}/catatan-penilaian`: the whole record, filtered by kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordView {
    pub slug: String,
    pub title: String,
    pub chain: ChainCheck,
    /// (code, name) of every kind of row.
    pub kinds: Vec<(String, String)>,
    /// The kind shown, or empty for all.
    pub chosen: String,
    pub lines: Vec<AuditLine>,
}

/// `/kelola/{slug}/penilaian`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgingOverview {
    pub slug: String,
    pub title: String,
    pub selection: SelectionView,
    pub stages: Vec<StageSummary>,
    pub jurors: usize,
    pub chain: ChainCheck,
    pub recent: Vec<AuditLine>,
}

/// One juror × proposal pair with a conflict, or a decision, on `/kelola/{slug}/konflik`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictRow {
    pub juror_id: i32,
    pub juror: String,
    pub proposal_id: i32,
    pub team: String,
    /// The reasons that stand (empty when lifted).
    pub reasons: Vec<ConflictReason>,
    /// The reasons the facts show, before people's decisions.
    pub computed: Vec<ConflictReason>,
    /// The newest decision by a person: what, why, who, when.
    pub decision: Option<(ConflictKind, String, String, DateTime<Utc>)>,
}

/// `/kelola/{slug}/konflik`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictsView {
    pub slug: String,
    pub title: String,
    pub rows: Vec<ConflictRow>,
    pub jurors: Vec<(i32, String)>,
    pub entries: Vec<(i32, String)>,
}

/// A proposal assigned to the juror who reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAssignment {
    pub assignment_id: i32,
    /// The juror's sheet on it, if they started one.
    pub state: Option<SheetState>,
    pub stage: Stage,
    /// The team and the proposal's title (the title alone when judging is blind).
    pub title: String,
    pub category: String,
    /// When and where the team presents in this stage (start, minutes, place), if set.
    pub slot: Option<(DateTime<Utc>, i32, String)>,
}

/// A competition a person judges, on `/penilaian`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorCompetition {
    pub slug: String,
    pub title: String,
    pub assignments: Vec<MyAssignment>,
}

/// `/penilaian/{slug}`: the juror's assignments, the categories they know, and the
/// conflicts they declared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorDesk {
    pub slug: String,
    pub title: String,
    pub assignments: Vec<MyAssignment>,
    /// Every category with whether the juror said they know it.
    pub categories: Vec<(i32, String, bool)>,
    /// Entries the juror may declare a conflict with (proposal id, team and title).
    pub entries: Vec<(i32, String)>,
    /// The juror's own pairs that stand conflicted, with why.
    pub conflicts: Vec<(String, Vec<ConflictReason>)>,
}

/// A rubric criterion as a juror scores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: i32,
    pub name: String,
    pub description: String,
    pub weight: i32,
    pub min: i32,
    pub max: i32,
}

/// A part of the proposal a juror reads: its heading and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadPart {
    pub heading: String,
    pub body: String,
}

/// Another juror's submitted sheet on the same proposal, named by number only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerSheet {
    pub number: usize,
    pub total_milli: i64,
    pub scores: Vec<(i32, i32)>,
    pub comment_panel: String,
}

/// `/penilaian/{slug}/nilai/{assignment}`: the proposal, the rubric and the juror's sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreView {
    pub slug: String,
    pub competition_title: String,
    pub stage: Stage,
    pub assignment_id: i32,
    pub blind: bool,
    /// Team, agency and region; `None` when the stage is blind.
    pub team: Option<(String, String, String)>,
    pub parts: Vec<ReadPart>,
    /// The attachments as a blind reader sees them: "Lampiran 1 (PDF, 240 KB)".
    pub attachments: Vec<(String, i64)>,
    pub criteria: Vec<CriterionView>,
    pub state: Option<SheetState>,
    pub version: i32,
    pub scores: Vec<(i32, i32)>,
    pub comment_team: String,
    pub comment_panel: String,
    pub total_milli: Option<i64>,
    /// Whether the stage takes scores now.
    pub open: bool,
    /// The others' submitted sheets, when the stage's setting shows them to this juror.
    pub peers: Option<Vec<PeerSheet>>,
}

/// A stage's judging settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsView {
    pub blind: bool,
    pub peer_visibility: PeerVisibility,
    pub tie_criterion: Option<i32>,
    pub min_sample: i32,
    pub divergence_milli: i64,
    pub rank_by: RankBy,
    /// Scoring has opened: blind reading, peers, the tie-break and the minimum sample are
    /// fixed.
    pub locked: bool,
    pub criteria: Vec<(i32, String)>,
}

/// What separated two proposals with the same ranking value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieRule {
    Criterion(String),
    EarlierSubmission,
    ProposalId,
}

/// One proposal in a stage's ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub rank: usize,
    pub proposal_id: i32,
    pub team: String,
    pub title: String,
    pub submitted: usize,
    pub assigned: usize,
    pub raw_mean_milli: Option<i64>,
    pub normalised_milli: Option<i64>,
    pub fallback: bool,
    pub sd_milli: Option<i64>,
    pub range_milli: Option<i64>,
    pub divergent: bool,
    pub tie: Option<TieRule>,
}

/// A juror's sheet as the organizer sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SheetLine {
    pub sheet_id: i32,
    pub proposal_id: i32,
    pub juror: String,
    pub state: SheetState,
    pub total_milli: Option<i64>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub comment_team: String,
    pub comment_panel: String,
    /// (criterion id, score) as saved, drafts included.
    pub scores: Vec<(i32, i32)>,
}

/// A juror's spread and leniency in a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorSpread {
    pub name: String,
    pub sheets: usize,
    pub mean_milli: i64,
    pub sd_milli: i64,
    pub leniency_milli: i64,
    /// The totals of the juror's counted sheets (for the charts).
    pub totals_milli: Vec<i64>,
}

/// `/kelola/{slug}/penilaian/{stage}/hasil`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub slug: String,
    pub title: String,
    pub stage: Stage,
    pub settings: SettingsView,
    pub rows: Vec<ResultRow>,
    pub sheets: Vec<SheetLine>,
    pub jurors: Vec<JurorSpread>,
}

/// The field a criterion's score is shown at on the score sheet.
pub fn scoring_field(criterion: i32) -> String {
    format!("score-{criterion}")
}

/// Every kind of row the record holds, with its name for people.
pub const KINDS: [(&str, Key); 17] = [
    ("selection_closed", Key::JudgingKindSelectionClosed),
    ("conflict_declared", Key::JudgingKindConflictDeclared),
    ("conflict_added", Key::JudgingKindConflictAdded),
    ("conflict_lifted", Key::JudgingKindConflictLifted),
    ("assignment_run", Key::JudgingKindAssignmentRun),
    ("assignment_added", Key::JudgingKindAssignmentAdded),
    ("assignment_removed", Key::JudgingKindAssignmentRemoved),
    ("assignments_ended", Key::JudgingKindAssignmentsEnded),
    ("settings_changed", Key::JudgingKindSettingsChanged),
    ("score_submitted", Key::JudgingKindScoreSubmitted),
    ("score_reopened", Key::JudgingKindScoreReopened),
    ("jurors_reminded", Key::JudgingKindJurorsReminded),
    ("shortlist_fixed", Key::JudgingKindShortlistFixed),
    ("schedule_set", Key::JudgingKindScheduleSet),
    ("final_weights_set", Key::JudgingKindFinalWeightsSet),
    ("results_frozen", Key::JudgingKindResultsFrozen),
    ("results_published", Key::JudgingKindResultsPublished),
];

/// The name of a kind of row (its code when unknown).
pub fn kind_label(lang: Lang, kind: &str) -> String {
    KINDS
        .iter()
        .find(|(code, _)| *code == kind)
        .map(|(_, key)| lang.text(*key).to_string())
        .unwrap_or_else(|| kind.to_string())
}

/// Milli-points written as people read them: `72.345` (a dot in both languages, as on a
/// score sheet).
pub fn points(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let m = milli.unsigned_abs();
    format!("{sign}{}.{:03}", m / 1000, m % 1000)
}

#[cfg(test)]
mod tests {
    use super::points;

    #[test]
    fn points_are_written_with_three_decimals() {
        assert_eq!(points(72_345), "72.345");
        assert_eq!(points(5), "0.005");
        assert_eq!(points(-1_500), "-1.500");
    }
}
