//! Results of one judged stage: how jurors' score sheets become the ranking.
//!
//! 1. **A sheet's total.** Each score is placed on its criterion's scale (lowest score 0,
//!    highest 1) and multiplied by the criterion's weight; the weights add up to 100, so a
//!    total lies between 0 and 100 points. The sum is computed exactly and rounded once, at
//!    the end, to a thousandth of a point (exactly half a thousandth rounds up). A sheet with a
//!    missing score, a score outside its scale, a score given twice or a score for a criterion
//!    not in this stage does not count anywhere; neither do sheets for proposals not in the
//!    stage.
//! 2. **Raw score.** The mean of a proposal's sheet totals, rounded to a thousandth (half up).
//! 3. **Normalised score.** Some jurors score generously, others strictly. For each juror we
//!    measure how far a sheet lies above or below that juror's own average, in units of that
//!    juror's spread (standard deviation), and put this back on the points scale of the whole
//!    stage: stage average + stage spread × that distance. So a juror's best proposal counts
//!    alike whether the juror is lenient or strict. A juror with fewer sheets than the minimum
//!    sample, or who gave all proposals the same total, cannot be compared this way: those
//!    sheets keep their raw totals and the proposal is marked *fallback*. If all totals of the
//!    stage are equal, every sheet keeps its raw total. A proposal's normalised score is the
//!    mean of its sheets' values, rounded to a thousandth (half up).
//! 4. **Order.** Proposals are ranked by the chosen score (raw or normalised), highest first,
//!    comparing the rounded numbers shown. Equal scores are separated by, in turn: the higher
//!    mean score on the tie-break criterion (if one is chosen), the earlier submission, the
//!    lower proposal number. The two proposals of such a pair show the rule that separated
//!    them (a proposal tied with the one above shows the rule against that one). Proposals
//!    without any counted sheet come last, in the same tie order. No rank is shared.
//! 5. **Disagreement.** Each proposal shows the spread (population standard deviation) and the
//!    range (highest minus lowest) of its raw totals; a spread above the set limit marks it as
//!    divergent, for the organizers to look at.
//!
//! Technical notes: totals, raw means and criterion means are exact integer arithmetic
//! (rounding half up = towards +∞). Standard deviations come from exact integer sums and one
//! `f64` square root; normalised values are `f64`, summed in sheet id order, and rounded to
//! milli-points with `floor(x + 0.5)`. Input order never matters. Of duplicate entries for a
//! proposal, the earliest submission counts; sheet ids are assumed unique.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: i32,
    /// Percent; the weights of a stage total 100.
    pub weight: i32,
    pub min: i32,
    /// Greater than `min`.
    pub max: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sheet {
    pub id: i32,
    pub proposal_id: i32,
    pub juror_id: i32,
    /// criterion id -> score (within min..=max)
    pub scores: Vec<(i32, i32)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub proposal_id: i32,
    /// When the team submitted its proposal, as microseconds since the epoch (earlier wins a tie).
    pub submitted_at_micros: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RankBy {
    Raw,
    Normalised,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub rank_by: RankBy,
    /// Jurors with fewer submitted sheets than this (or with no spread) are not normalised.
    pub min_sample: usize,
    /// Standard deviation of a proposal's raw totals, in milli-points, above which it is flagged.
    pub divergence_milli: i64,
    /// Criterion whose mean score breaks ties first (then earlier submission, then proposal id).
    pub tie_criterion: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieBreak {
    Criterion(i32),
    EarlierSubmission,
    ProposalId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub proposal_id: i32,
    /// 1-based; ties are broken, so no rank is shared.
    pub rank: usize,
    pub sheets: usize,
    pub raw_mean_milli: Option<i64>,
    pub normalised_milli: Option<i64>,
    /// At least one sheet kept its raw total (juror below `min_sample` or without spread).
    pub fallback: bool,
    /// Population standard deviation of its raw totals (None for fewer than 2 sheets).
    pub sd_milli: Option<i64>,
    pub range_milli: Option<i64>,
    pub divergent: bool,
    /// The rule that decided its order against a neighbour with the same ranking value.
    pub tie_broken_by: Option<TieBreak>,
    /// Per criterion, in criteria order: mean raw score × 1000, rounded half up.
    pub criterion_means_milli: Vec<(i32, i64)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorStat {
    pub juror_id: i32,
    pub sheets: usize,
    pub mean_milli: i64,
    pub sd_milli: i64,
    /// Juror mean − mean of all counted sheets (positive: lenient, negative: strict).
    pub leniency_milli: i64,
}

/// Weighted total of one sheet in milli-points (0..=100_000): the exact sum of
/// weight × (score − min) / (max − min), rounded once, half up. None if a criterion has no
/// score, a score is out of range or given twice, a score names an unknown criterion, a
/// criterion's scale is empty, or (never for real scales) the arithmetic would overflow.
pub fn sheet_total_milli(criteria: &[Criterion], scores: &[(i32, i32)]) -> Option<i64> {
    if scores
        .iter()
        .any(|(id, _)| !criteria.iter().any(|c| c.id == *id))
    {
        return None;
    }
    let (mut num, mut den) = (0i128, 1i128); // the exact sum num / den, den > 0
    for c in criteria {
        let mut given = scores.iter().filter(|(id, _)| *id == c.id);
        let &(_, s) = given.next()?;
        if given.next().is_some() || c.max <= c.min || s < c.min || s > c.max {
            return None;
        }
        let span = i128::from(c.max) - i128::from(c.min);
        let part = i128::from(c.weight) * (i128::from(s) - i128::from(c.min));
        num = num.checked_mul(span)?.checked_add(part.checked_mul(den)?)?;
        den = den.checked_mul(span)?;
        let g = gcd(num, den);
        (num, den) = (num / g, den / g);
    }
    i64::try_from(round_div(num.checked_mul(1000)?, den)).ok()
}

/// The results table of one stage, best first. See the module comment for the rules.
pub fn rank(
    criteria: &[Criterion],
    entries: &[Entry],
    sheets: &[Sheet],
    settings: &Settings,
) -> Vec<Row> {
    let mut submitted: BTreeMap<i32, i64> = BTreeMap::new();
    for e in entries {
        let at = submitted
            .entry(e.proposal_id)
            .or_insert(e.submitted_at_micros);
        *at = (*at).min(e.submitted_at_micros);
    }
    let sheets = counted(criteria, sheets, |p| submitted.contains_key(&p));
    let stage = Spread::of(sheets.iter().map(|(_, t)| *t));
    let mut by_juror: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    let mut by_proposal: BTreeMap<i32, Vec<(&Sheet, i64)>> = BTreeMap::new();
    for &(s, t) in &sheets {
        by_juror.entry(s.juror_id).or_default().push(t);
        by_proposal.entry(s.proposal_id).or_default().push((s, t));
    }
    let jurors: BTreeMap<i32, Spread> = by_juror
        .into_iter()
        .map(|(j, ts)| (j, Spread::of(ts.into_iter())))
        .collect();

    let mut rows: Vec<(i64, Row)> = submitted
        .iter()
        .map(|(&p, &at)| {
            let mine = by_proposal.get(&p).map_or(&[][..], |v| &v[..]);
            (at, row(criteria, p, mine, &stage, &jurors, settings))
        })
        .collect();

    let value = |r: &Row| match settings.rank_by {
        RankBy::Raw => r.raw_mean_milli,
        RankBy::Normalised => r.normalised_milli,
    };
    let tie_mean = |r: &Row| {
        let c = settings.tie_criterion?;
        r.criterion_means_milli
            .iter()
            .find(|(id, _)| *id == c)
            .map(|&(_, m)| m)
    };
    // Option orders None below Some, so descending puts rows without sheets (or means) last.
    rows.sort_by(|(ta, a), (tb, b)| {
        (value(b).cmp(&value(a)))
            .then(tie_mean(b).cmp(&tie_mean(a)))
            .then(ta.cmp(tb))
            .then(a.proposal_id.cmp(&b.proposal_id))
    });
    for i in 1..rows.len() {
        let ((ta, a), (tb, b)) = (&rows[i - 1], &rows[i]);
        if value(a) != value(b) {
            continue;
        }
        let rule = match settings.tie_criterion {
            Some(c) if tie_mean(a) != tie_mean(b) => TieBreak::Criterion(c),
            _ if ta != tb => TieBreak::EarlierSubmission,
            _ => TieBreak::ProposalId,
        };
        rows[i - 1].1.tie_broken_by.get_or_insert(rule.clone());
        rows[i].1.tie_broken_by = Some(rule);
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, (_, r))| Row { rank: i + 1, ..r })
        .collect()
}

/// Per juror, sorted by juror id, over all sheets with a valid total: count, mean and
/// population SD of totals, and leniency = juror mean − overall (per sheet) mean, both rounded.
pub fn juror_stats(criteria: &[Criterion], sheets: &[Sheet]) -> Vec<JurorStat> {
    let sheets = counted(criteria, sheets, |_| true);
    let Some(overall) = mean_milli(sheets.iter().map(|(_, t)| *t)) else {
        return vec![];
    };
    let mut by_juror: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for &(s, t) in &sheets {
        by_juror.entry(s.juror_id).or_default().push(t);
    }
    by_juror
        .into_iter()
        .map(|(juror_id, ts)| {
            let mean = mean_milli(ts.iter().copied()).unwrap_or(0);
            JurorStat {
                juror_id,
                sheets: ts.len(),
                mean_milli: mean,
                sd_milli: round_f(Spread::of(ts.into_iter()).sd),
                leniency_milli: mean - overall,
            }
        })
        .collect()
}

fn row(
    criteria: &[Criterion],
    proposal_id: i32,
    mine: &[(&Sheet, i64)],
    stage: &Spread,
    jurors: &BTreeMap<i32, Spread>,
    settings: &Settings,
) -> Row {
    let n = mine.len();
    let mut fallback = false;
    let mut normalised = 0.0f64;
    for &(s, t) in mine {
        let j = &jurors[&s.juror_id];
        if stage.sd > 0.0 && j.n >= settings.min_sample && j.sd > 0.0 {
            normalised += stage.mean + stage.sd * ((t as f64 - j.mean) / j.sd);
        } else {
            fallback = true;
            normalised += t as f64;
        }
    }
    let totals = || mine.iter().map(|&(_, t)| t);
    let sd_milli = (n >= 2).then(|| round_f(Spread::of(totals()).sd));
    Row {
        proposal_id,
        rank: 0,
        sheets: n,
        raw_mean_milli: mean_milli(totals()),
        normalised_milli: (n > 0).then(|| round_f(normalised / n as f64)),
        fallback,
        sd_milli,
        range_milli: totals().max().zip(totals().min()).map(|(hi, lo)| hi - lo),
        divergent: sd_milli.is_some_and(|sd| sd > settings.divergence_milli),
        tie_broken_by: None,
        criterion_means_milli: match n {
            0 => vec![],
            _ => criteria
                .iter()
                .map(|c| (c.id, criterion_mean(mine, c.id)))
                .collect(),
        },
    }
}

/// Mean raw score × 1000 on one criterion, rounded half up (counted sheets have every score).
fn criterion_mean(mine: &[(&Sheet, i64)], criterion: i32) -> i64 {
    let score = |s: &Sheet| {
        s.scores
            .iter()
            .find(|(id, _)| *id == criterion)
            .map_or(0, |x| x.1)
    };
    mean_milli(mine.iter().map(|&(s, _)| 1000 * i64::from(score(s)))).unwrap_or(0)
}

/// Sheets that count, with their totals, in sheet id order.
fn counted<'a>(
    criteria: &[Criterion],
    sheets: &'a [Sheet],
    in_stage: impl Fn(i32) -> bool,
) -> Vec<(&'a Sheet, i64)> {
    let mut v: Vec<_> = sheets
        .iter()
        .filter(|s| in_stage(s.proposal_id))
        .filter_map(|s| Some((s, sheet_total_milli(criteria, &s.scores)?)))
        .collect();
    v.sort_by_key(|(s, t)| (s.id, s.proposal_id, s.juror_id, *t));
    v
}

/// Count, mean and population SD; sums and variance exact in integers, one `f64` square root.
struct Spread {
    n: usize,
    mean: f64,
    sd: f64,
}

impl Spread {
    fn of(values: impl Iterator<Item = i64>) -> Spread {
        let (mut n, mut sum, mut squares) = (0i128, 0i128, 0i128);
        for v in values.map(i128::from) {
            (n, sum, squares) = (n + 1, sum + v, squares + v * v);
        }
        let d = n.max(1); // no values: mean and SD 0
        let variance = (n * squares - sum * sum) as f64 / (d * d) as f64;
        Spread {
            n: n as usize,
            mean: sum as f64 / d as f64,
            sd: variance.sqrt(),
        }
    }
}

fn mean_milli(values: impl Iterator<Item = i64>) -> Option<i64> {
    let (n, sum) = values.fold((0i128, 0i128), |(n, s), v| (n + 1, s + i128::from(v)));
    (n > 0).then(|| round_div(sum, n) as i64)
}

/// num / den rounded half up (towards +∞), den > 0.
fn round_div(num: i128, den: i128) -> i128 {
    (2 * num + den).div_euclid(2 * den)
}

/// Rounds an `f64` milli value half up: floor(x + 0.5).
fn round_f(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RankBy::{Normalised, Raw};

    type Points = (i32, i32, i32, i32); // (sheet id, proposal, juror, points) on `one()`

    fn crit(id: i32, weight: i32, min: i32, max: i32) -> Criterion {
        Criterion {
            id,
            weight,
            min,
            max,
        }
    }
    /// One criterion worth 100 on a 0–100 scale: a score of s is a total of s points.
    fn one() -> Vec<Criterion> {
        vec![crit(1, 100, 0, 100)]
    }
    fn sheet(id: i32, proposal_id: i32, juror_id: i32, scores: &[(i32, i32)]) -> Sheet {
        let scores = scores.to_vec();
        Sheet {
            id,
            proposal_id,
            juror_id,
            scores,
        }
    }
    fn sheets(list: &[Points]) -> Vec<Sheet> {
        let one_score = |&(id, p, j, pts): &Points| sheet(id, p, j, &[(1, pts)]);
        list.iter().map(one_score).collect()
    }
    fn at(proposal_id: i32, submitted_at_micros: i64) -> Entry {
        Entry {
            proposal_id,
            submitted_at_micros,
        }
    }
    /// Proposal p submitted at p × 10 µs.
    fn entries(ids: &[i32]) -> Vec<Entry> {
        ids.iter().map(|&p| at(p, i64::from(p) * 10)).collect()
    }
    fn settings(rank_by: RankBy, tie_criterion: Option<i32>) -> Settings {
        let divergence_milli = 15_000;
        Settings {
            rank_by,
            min_sample: 2,
            divergence_milli,
            tie_criterion,
        }
    }
    fn run(list: &[Points], proposals: &[i32], by: RankBy) -> Vec<Row> {
        rank(
            &one(),
            &entries(proposals),
            &sheets(list),
            &settings(by, None),
        )
    }
    fn ids(rows: &[Row]) -> Vec<i32> {
        rows.iter().map(|r| r.proposal_id).collect()
    }
    fn find(rows: &[Row], p: i32) -> &Row {
        rows.iter().find(|r| r.proposal_id == p).unwrap()
    }
    fn broken_by(rows: &[Row]) -> Vec<Option<TieBreak>> {
        rows.iter().map(|r| r.tie_broken_by.clone()).collect()
    }

    /// Lenient juror 1 judges P1 (90) and P2 (70); strict juror 2 judges P3 (60) and P4 (40).
    const LENIENT_AND_STRICT: [Points; 4] =
        [(1, 1, 1, 90), (2, 2, 1, 70), (3, 3, 2, 60), (4, 4, 2, 40)];
    fn plus(more: &[Points]) -> Vec<Points> {
        [&LENIENT_AND_STRICT[..], more].concat()
    }

    #[test]
    fn total_is_exact_and_rounds_half_up_once() {
        let c = vec![crit(1, 30, 1, 5), crit(2, 30, 0, 32), crit(3, 40, 0, 100)];
        // 30·3/4 = 22.5, 30·1/32 = 0.9375, 40·67/100 = 26.8 → 50.2375 points → 50_238 milli.
        assert_eq!(
            sheet_total_milli(&c, &[(3, 67), (1, 4), (2, 1)]),
            Some(50_238)
        );
        assert_eq!(
            sheet_total_milli(&c, &[(1, 5), (2, 32), (3, 100)]),
            Some(100_000)
        );
        assert_eq!(sheet_total_milli(&c, &[(1, 1), (2, 0), (3, 0)]), Some(0));
        // Three thirds of a point: rounding each term would give 999, the exact sum is 1000.
        let c = vec![
            crit(1, 1, 0, 3),
            crit(2, 1, 0, 3),
            crit(3, 1, 0, 3),
            crit(4, 97, 0, 1),
        ];
        assert_eq!(
            sheet_total_milli(&c, &[(1, 1), (2, 1), (3, 1), (4, 0)]),
            Some(1000)
        );
    }

    #[test]
    fn invalid_sheets_have_no_total() {
        let c = vec![crit(1, 50, 1, 5), crit(2, 50, 0, 10)];
        let total = |scores: &[(i32, i32)]| sheet_total_milli(&c, scores);
        assert_eq!(total(&[(1, 3)]), None, "missing score");
        assert_eq!(total(&[(1, 0), (2, 5)]), None, "below range");
        assert_eq!(total(&[(1, 3), (2, 11)]), None, "above range");
        assert_eq!(total(&[(1, 3), (2, 5), (9, 1)]), None, "unknown criterion");
        assert_eq!(total(&[(1, 3), (2, 5), (2, 5)]), None, "given twice");
    }

    #[test]
    fn normalisation_evens_out_lenient_and_strict_jurors() {
        assert_eq!(
            ids(&run(&LENIENT_AND_STRICT, &[1, 2, 3, 4], Raw)),
            [1, 2, 3, 4]
        );
        let norm = run(&LENIENT_AND_STRICT, &[1, 2, 3, 4], Normalised);
        let scores = |p| {
            (
                find(&norm, p).raw_mean_milli,
                find(&norm, p).normalised_milli,
            )
        };
        // Each juror's best lies one juror-SD above the juror's mean: stage mean 65 + SD 18.028.
        assert_eq!(scores(1), (Some(90_000), Some(83_028)));
        assert_eq!(scores(3), (Some(60_000), Some(83_028)));
        assert_eq!(scores(2), (Some(70_000), Some(46_972)));
        // P3 (the strict juror's best) now beats P2 (the lenient juror's worst).
        assert_eq!(ids(&norm), [1, 3, 2, 4]);
        assert!(norm.iter().all(|r| !r.fallback));
        assert_eq!(norm[0].tie_broken_by, Some(TieBreak::EarlierSubmission));
    }

    #[test]
    fn juror_below_min_sample_falls_back_to_raw() {
        let rows = run(&plus(&[(5, 5, 3, 77)]), &[1, 2, 3, 4, 5], Normalised);
        assert!(find(&rows, 5).fallback, "juror 3 has a single sheet");
        assert_eq!(find(&rows, 5).normalised_milli, Some(77_000));
        assert!(!find(&rows, 1).fallback);
    }

    #[test]
    fn juror_without_spread_falls_back_to_raw() {
        let rows = run(
            &plus(&[(5, 5, 3, 50), (6, 6, 3, 50)]),
            &[1, 2, 3, 4, 5, 6],
            Normalised,
        );
        assert!(find(&rows, 5).fallback && find(&rows, 6).fallback);
        assert_eq!(find(&rows, 6).normalised_milli, Some(50_000));
        assert!(!find(&rows, 4).fallback);
    }

    #[test]
    fn divergent_proposals_are_flagged() {
        let list = [
            (1, 1, 1, 90),
            (2, 1, 2, 50),
            (3, 2, 1, 70),
            (4, 2, 2, 72),
            (5, 3, 1, 60),
        ];
        let rows = run(&list, &[1, 2, 3], Raw);
        let flags = |p| {
            (
                find(&rows, p).sd_milli,
                find(&rows, p).range_milli,
                find(&rows, p).divergent,
            )
        };
        assert_eq!(flags(1), (Some(20_000), Some(40_000), true));
        assert_eq!(flags(2), (Some(1_000), Some(2_000), false));
        assert_eq!(flags(3), (None, Some(0), false));
    }

    /// Two criteria worth 50 each on 0–10; P1 and P2 both total 60 points.
    fn tie(e: &[Entry], tie_criterion: Option<i32>, p1: [i32; 2], p2: [i32; 2]) -> Vec<Row> {
        let c = vec![crit(1, 50, 0, 10), crit(2, 50, 0, 10)];
        let s = [
            sheet(1, 1, 1, &[(1, p1[0]), (2, p1[1])]),
            sheet(2, 2, 2, &[(1, p2[0]), (2, p2[1])]),
        ];
        rank(&c, e, &s, &settings(Raw, tie_criterion))
    }

    #[test]
    fn tie_broken_by_criterion_mean() {
        let rows = tie(&entries(&[1, 2]), Some(2), [8, 4], [4, 8]);
        assert_eq!(ids(&rows), [2, 1]);
        assert_eq!(rows[0].criterion_means_milli, [(1, 4_000), (2, 8_000)]);
        assert_eq!(
            broken_by(&rows),
            [Some(TieBreak::Criterion(2)), Some(TieBreak::Criterion(2))]
        );
    }

    #[test]
    fn tie_broken_by_earlier_submission() {
        let rows = tie(&[at(1, 500), at(2, 400)], None, [8, 4], [4, 8]);
        assert_eq!(ids(&rows), [2, 1]);
        let rule = Some(TieBreak::EarlierSubmission);
        assert_eq!(broken_by(&rows), [rule.clone(), rule]);
    }

    #[test]
    fn tie_broken_by_proposal_id() {
        let rows = tie(&[at(2, 7), at(1, 7)], Some(1), [6, 6], [6, 6]);
        assert_eq!((ids(&rows), rows[0].rank, rows[1].rank), (vec![1, 2], 1, 2));
        let rule = Some(TieBreak::ProposalId);
        assert_eq!(broken_by(&rows), [rule.clone(), rule]);
    }

    #[test]
    fn entries_without_sheets_come_last_and_foreign_or_invalid_sheets_are_ignored() {
        // Proposal 9 is not an entry; the sheet for proposal 1 is out of range.
        let rows = run(
            &[(1, 5, 1, 10), (2, 9, 1, 99), (3, 1, 1, 101)],
            &[1, 2, 5],
            Normalised,
        );
        assert_eq!(ids(&rows), [5, 1, 2]);
        let last = &rows[2];
        assert_eq!(
            (last.sheets, last.raw_mean_milli, last.normalised_milli),
            (0, None, None)
        );
        assert_eq!(
            (last.sd_milli, last.range_milli, last.fallback),
            (None, None, false)
        );
        assert!(last.criterion_means_milli.is_empty());
        let earlier = Some(TieBreak::EarlierSubmission);
        assert_eq!(broken_by(&rows), [None, earlier.clone(), earlier]);
    }

    #[test]
    fn input_order_does_not_matter() {
        let s = sheets(&plus(&[
            (5, 5, 3, 77),
            (6, 1, 2, 58),
            (7, 3, 1, 81),
            (8, 2, 3, 64),
        ]));
        let e = entries(&[1, 2, 3, 4, 5, 6]);
        for by in [Raw, Normalised] {
            let rows = rank(&one(), &e, &s, &settings(by, Some(1)));
            let (mut s2, mut e2) = (s.clone(), e.clone());
            s2.reverse();
            s2.rotate_left(3);
            e2.rotate_left(4);
            assert_eq!(rank(&one(), &e2, &s2, &settings(by, Some(1))), rows);
        }
    }

    #[test]
    fn juror_stats_show_leniency_sign() {
        let stats = juror_stats(&one(), &sheets(&LENIENT_AND_STRICT));
        let j = |i: usize| {
            (
                stats[i].juror_id,
                stats[i].sheets,
                stats[i].mean_milli,
                stats[i].sd_milli,
            )
        };
        assert_eq!(
            (j(0), j(1)),
            ((1, 2, 80_000, 10_000), (2, 2, 50_000, 10_000))
        );
        assert_eq!(
            (stats[0].leniency_milli, stats[1].leniency_milli),
            (15_000, -15_000)
        );
    }
}
