//! `make bench` (scripts/bench.sh): judging's pure work at KIPP's scale, release build.
//!
//! 1. The assignment planner: 3,500 proposals, 200 jurors, k = 3, load 60, 5 % of pairs
//!    conflicted, 8 categories with stated expertise (budget: under 2 s).
//! 2. Ranking with normalisation: 3,500 proposals × 3 jurors × 2 stages, then the final
//!    ranking combining them (budget: under 200 ms).
//!
//! Each is run 5 times; the median and the slowest are printed.
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use app::competitions::Stage;
use app::judging::{assign, final_rank, ranking};

/// A small deterministic generator (xorshift64*), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PROPOSALS: i32 = 3_500;
const JURORS: i32 = 200;

fn planner_input(rng: &mut Rng) -> assign::Input {
    let proposals = (1..=PROPOSALS)
        .map(|id| assign::Proposal {
            id,
            category: Some(rng.below(8) as i32 + 1),
        })
        .collect();
    let jurors = (1..=JURORS)
        .map(|id| assign::Juror {
            id,
            expertise: vec![rng.below(8) as i32 + 1, rng.below(8) as i32 + 1],
        })
        .collect();
    let mut conflicts = BTreeSet::new();
    for juror in 1..=JURORS {
        for proposal in 1..=PROPOSALS {
            if rng.below(100) < 5 {
                conflicts.insert((juror, proposal));
            }
        }
    }
    assign::Input {
        k: 3,
        max_load: 60,
        proposals,
        jurors,
        conflicts,
        kept: Vec::new(),
    }
}

fn criteria() -> Vec<ranking::Criterion> {
    [(1, 30), (2, 25), (3, 25), (4, 20)]
        .into_iter()
        .map(|(id, weight)| ranking::Criterion {
            id,
            weight,
            min: 1,
            max: 10,
        })
        .collect()
}

/// Three sheets per proposal, from jurors with their own leniency.
fn sheets(rng: &mut Rng, first_id: i32) -> Vec<ranking::Sheet> {
    let mut out = Vec::new();
    let mut id = first_id;
    for proposal in 1..=PROPOSALS {
        for n in 0..3 {
            let juror = (proposal * 3 + n) % JURORS + 1;
            let lean = juror % 3;
            out.push(ranking::Sheet {
                id,
                proposal_id: proposal,
                juror_id: juror,
                scores: (1..=4)
                    .map(|c| (c, (rng.below(8) as i32 + 1 + lean).min(10)))
                    .collect(),
            });
            id += 1;
        }
    }
    out
}

fn report(name: &str, budget: Duration, mut runs: Vec<Duration>) {
    runs.sort();
    let median = runs[runs.len() / 2];
    let slowest = runs[runs.len() - 1];
    let verdict = if slowest < budget { "within" } else { "OVER" };
    println!(
        "{name}: median {:.1} ms, slowest {:.1} ms of {} runs ({verdict} the {} ms budget)",
        median.as_secs_f64() * 1000.0,
        slowest.as_secs_f64() * 1000.0,
        runs.len(),
        budget.as_millis()
    );
}

fn main() {
    let mut rng = Rng(0x5a7e_b42a);
    let input = planner_input(&mut rng);
    let mut runs = Vec::new();
    let mut plan = None;
    for seed in 0..5 {
        let start = Instant::now();
        plan = Some(assign::plan(&input, seed));
        runs.push(start.elapsed());
    }
    if let Some(plan) = plan {
        println!(
            "assignment: {} pairs, {} proposals short of k",
            plan.pairs.len(),
            plan.shortfalls.len()
        );
    }
    report(
        "assignment of 3,500 proposals to 200 jurors (k = 3, 5 % conflicted)",
        Duration::from_secs(2),
        runs,
    );

    let criteria = criteria();
    let entries: Vec<ranking::Entry> = (1..=PROPOSALS)
        .map(|id| ranking::Entry {
            proposal_id: id,
            submitted_at_micros: i64::from(id) * 1_000,
        })
        .collect();
    let desk = sheets(&mut rng, 1);
    let talk = sheets(&mut rng, 100_000);
    let settings = ranking::Settings {
        rank_by: ranking::RankBy::Normalised,
        min_sample: 3,
        divergence_milli: 15_000,
        tie_criterion: Some(1),
    };
    let mut runs = Vec::new();
    let mut winner = None;
    for _ in 0..5 {
        let start = Instant::now();
        let desk_rows = ranking::rank(&criteria, &entries, &desk, &settings);
        let talk_rows = ranking::rank(&criteria, &entries, &talk, &settings);
        let value = |rows: &[ranking::Row]| -> std::collections::HashMap<i32, Option<i64>> {
            rows.iter()
                .map(|r| (r.proposal_id, r.normalised_milli))
                .collect()
        };
        let (desk_values, talk_values) = (value(&desk_rows), value(&talk_rows));
        let finalists: Vec<final_rank::Finalist> = (1..=PROPOSALS)
            .map(|id| final_rank::Finalist {
                proposal_id: id,
                submitted_at_micros: i64::from(id) * 1_000,
                scores: vec![
                    (
                        Stage::DeskEvaluation,
                        desk_values.get(&id).copied().flatten(),
                    ),
                    (Stage::Presentation, talk_values.get(&id).copied().flatten()),
                ],
            })
            .collect();
        let rows = final_rank::combine(
            &[(Stage::DeskEvaluation, 40), (Stage::Presentation, 60)],
            &finalists,
        );
        runs.push(start.elapsed());
        winner = rows.first().map(|r| (r.proposal_id, r.total_milli));
    }
    println!("final ranking: first {winner:?}");
    report(
        "ranking with normalisation, 3,500 proposals × 3 jurors × 2 stages, and the final",
        Duration::from_millis(200),
        runs,
    );
}
