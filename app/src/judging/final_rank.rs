//! The final ranking: the finalists' scores of the judged stages, combined with the weights
//! the organizer set before judging opened.
//!
//! 1. **A stage's score** is the value its own ranking orders by (the raw or the normalised
//!    mean, in milli-points, see `ranking`).
//! 2. **The final score** is the weighted mean of those scores over the stages with a weight
//!    above zero: Σ weight × score / Σ weight, exact, rounded once to a thousandth of a point
//!    (half up). A finalist without a score in a weighted stage has no final score: results
//!    are not frozen while one is missing.
//! 3. **Order**: highest final score first. Equal final scores are separated by, in turn, the
//!    higher score in the last weighted stage, the earlier submission, the lower proposal
//!    number; each proposal of such a pair shows the rule that separated it from the one
//!    above. Finalists without a final score come last, in the same tie order. No rank is
//!    shared.
//! 4. **Placings** when published: rank 1 wins, the next `runners_up` are placed 2, 3, …,
//!    the next `honourable` are honourable mentions 1, 2, …, every other finalist is a
//!    finalist ([`placing`]).
use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::AwardKind;
use crate::competitions::Stage;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finalist {
    pub proposal_id: i32,
    pub submitted_at_micros: i64,
    /// The proposal's score per stage (milli-points), None where it has none.
    pub scores: Vec<(Stage, Option<i64>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FinalTie {
    LastStage(Stage),
    EarlierSubmission,
    ProposalId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalRow {
    pub proposal_id: i32,
    pub rank: usize,
    pub total_milli: Option<i64>,
    pub scores: Vec<(Stage, Option<i64>)>,
    pub tie: Option<FinalTie>,
}

fn score(f: &Finalist, stage: Stage) -> Option<i64> {
    f.scores
        .iter()
        .find(|(s, _)| *s == stage)
        .and_then(|(_, v)| *v)
}

/// The weighted mean of the finalist's weighted stages, or None.
pub fn total_milli(weights: &[(Stage, i32)], f: &Finalist) -> Option<i64> {
    let (mut num, mut den) = (0i128, 0i128);
    for &(stage, w) in weights.iter().filter(|(_, w)| *w > 0) {
        num += i128::from(w) * i128::from(score(f, stage)?);
        den += i128::from(w);
    }
    if den == 0 {
        return None;
    }
    // Half up, towards +∞, as `ranking` rounds.
    i64::try_from((2 * num + den).div_euclid(2 * den)).ok()
}

/// Descending with None last.
fn desc(a: Option<i64>, b: Option<i64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The final ranking of `finalists`, best first.
pub fn combine(weights: &[(Stage, i32)], finalists: &[Finalist]) -> Vec<FinalRow> {
    let last = weights
        .iter()
        .filter(|(_, w)| *w > 0)
        .map(|(s, _)| *s)
        .max();
    let mut rows: Vec<(&Finalist, Option<i64>, Option<i64>)> = finalists
        .iter()
        .map(|f| (f, total_milli(weights, f), last.and_then(|s| score(f, s))))
        .collect();
    rows.sort_by(|a, b| {
        desc(a.1, b.1)
            .then(desc(a.2, b.2))
            .then(a.0.submitted_at_micros.cmp(&b.0.submitted_at_micros))
            .then(a.0.proposal_id.cmp(&b.0.proposal_id))
    });
    let mut out: Vec<FinalRow> = Vec::with_capacity(rows.len());
    for (i, (f, total, in_last)) in rows.iter().enumerate() {
        let tie = (i > 0 && rows[i - 1].1 == *total).then(|| {
            let above = &rows[i - 1];
            if above.2 != *in_last {
                FinalTie::LastStage(last.unwrap_or(Stage::Results))
            } else if above.0.submitted_at_micros != f.submitted_at_micros {
                FinalTie::EarlierSubmission
            } else {
                FinalTie::ProposalId
            }
        });
        out.push(FinalRow {
            proposal_id: f.proposal_id,
            rank: i + 1,
            total_milli: *total,
            scores: f.scores.clone(),
            tie,
        });
    }
    out
}

/// The placing of the finalist at `rank` (1-based).
pub fn placing(rank: usize, runners_up: i32, honourable: i32) -> (AwardKind, Option<i32>) {
    let rank = rank as i32;
    let (r, h) = (runners_up.max(0), honourable.max(0));
    if rank == 1 {
        (AwardKind::Winner, Some(1))
    } else if rank <= 1 + r {
        (AwardKind::RunnerUp, Some(rank))
    } else if rank <= 1 + r + h {
        (AwardKind::HonourableMention, Some(rank - 1 - r))
    } else {
        (AwardKind::Finalist, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESK: Stage = Stage::DeskEvaluation;
    const TALK: Stage = Stage::Presentation;

    fn f(id: i32, at: i64, desk: Option<i64>, talk: Option<i64>) -> Finalist {
        Finalist {
            proposal_id: id,
            submitted_at_micros: at,
            scores: vec![(DESK, desk), (TALK, talk)],
        }
    }

    #[test]
    fn weighted_mean_rounds_half_up_once() {
        // 40 × 70.001 + 60 × 80.000 = 7 600.04 → / 100 = 76.0004 → 76.000
        assert_eq!(
            total_milli(
                &[(DESK, 40), (TALK, 60)],
                &f(1, 0, Some(70_001), Some(80_000))
            ),
            Some(76_000)
        );
        // 1 × 1 + 2 × 2 = 5, / 3 = 1.666… → 2 (milli)
        assert_eq!(
            total_milli(&[(DESK, 1), (TALK, 2)], &f(1, 0, Some(1), Some(2))),
            Some(2)
        );
        // 1 × 1 + 1 × 2 = 3, / 2 = 1.5 → 2: exactly half rounds up.
        assert_eq!(
            total_milli(&[(DESK, 1), (TALK, 1)], &f(1, 0, Some(1), Some(2))),
            Some(2)
        );
        // A stage without weight does not count, even when the score is missing.
        assert_eq!(
            total_milli(&[(DESK, 0), (TALK, 100)], &f(1, 0, None, Some(55_500))),
            Some(55_500)
        );
        assert_eq!(
            total_milli(&[(DESK, 50), (TALK, 50)], &f(1, 0, None, Some(55_500))),
            None
        );
        assert_eq!(total_milli(&[(DESK, 0)], &f(1, 0, Some(1), Some(1))), None);
    }

    #[test]
    fn ties_break_by_last_stage_then_submission_then_number() {
        let weights = [(DESK, 50), (TALK, 50)];
        let rows = combine(
            &weights,
            &[
                f(4, 10, Some(60_000), Some(80_000)), // 70, better in the last stage
                f(3, 10, Some(80_000), Some(60_000)), // 70
                f(2, 5, Some(70_000), Some(60_000)),  // 65, submitted earlier
                f(1, 9, Some(60_000), Some(70_000)),  // 65, better last stage: first of the 65s
                f(5, 9, Some(70_000), Some(60_000)),  // 65, like 2 but later
                f(6, 9, Some(70_000), Some(60_000)),  // 65, like 5: lower number wins
                f(7, 1, None, Some(99_000)),          // no final score: last
            ],
        );
        let order: Vec<i32> = rows.iter().map(|r| r.proposal_id).collect();
        assert_eq!(order, vec![4, 3, 1, 2, 5, 6, 7]);
        let ties: Vec<Option<FinalTie>> = rows.iter().map(|r| r.tie).collect();
        assert_eq!(
            ties,
            vec![
                None,
                Some(FinalTie::LastStage(TALK)),
                None,
                Some(FinalTie::LastStage(TALK)),
                Some(FinalTie::EarlierSubmission),
                Some(FinalTie::ProposalId),
                None,
            ]
        );
        assert_eq!(rows[0].total_milli, Some(70_000));
        assert_eq!(rows[6].total_milli, None);
        assert_eq!(
            rows.iter().map(|r| r.rank).collect::<Vec<_>>(),
            (1..=7).collect::<Vec<_>>()
        );
    }

    #[test]
    fn input_order_does_not_matter() {
        let weights = [(DESK, 30), (TALK, 70)];
        let list = vec![
            f(1, 3, Some(50_000), Some(50_000)),
            f(2, 2, Some(50_000), Some(50_000)),
            f(3, 1, Some(90_000), Some(10_000)),
        ];
        let mut reversed = list.clone();
        reversed.reverse();
        assert_eq!(combine(&weights, &list), combine(&weights, &reversed));
    }

    #[test]
    fn placings_follow_the_ranks() {
        let kinds: Vec<(AwardKind, Option<i32>)> =
            (1..=7).map(|rank| placing(rank, 2, 3)).collect();
        assert_eq!(
            kinds,
            vec![
                (AwardKind::Winner, Some(1)),
                (AwardKind::RunnerUp, Some(2)),
                (AwardKind::RunnerUp, Some(3)),
                (AwardKind::HonourableMention, Some(1)),
                (AwardKind::HonourableMention, Some(2)),
                (AwardKind::HonourableMention, Some(3)),
                (AwardKind::Finalist, None),
            ]
        );
        assert_eq!(placing(2, 0, 1), (AwardKind::HonourableMention, Some(1)));
        assert_eq!(placing(3, 0, 1), (AwardKind::Finalist, None));
    }
}
