//! Deterministic juror assignment for one judging stage ("why this juror").
//!
//! 1. **What is decided stays.** Earlier assignments (by hand or by an earlier run) are kept.
//!    They count towards the proposal's k jurors and the juror's load, even if a conflict was
//!    declared since. A juror at or above the maximum load gets nothing new.
//! 2. **Rounds.** Round 1 gives every proposal its first juror, round 2 its second, and so on
//!    up to k. In each round the hardest proposals go first: those with the fewest jurors who
//!    are free (no conflict, not yet on it) and not full, counted when the round starts.
//! 3. **The pick.** Of the jurors who may take the proposal, the least loaded one wins. On a
//!    tie, the better fit: a juror who knows the proposal's category, then one who stated no
//!    expertise, then one who stated other fields only. (A fixed ranking, simpler than "no
//!    stated expertise is a mismatch only when an expert is free"; a proposal without a
//!    category fits everyone.) A last tie is broken by a seeded hash of (proposal, juror), so
//!    a run is reproducible from its seed, and another seed draws differently.
//! 4. **Chains.** A proposal left short although jurors still have room is served by a chain
//!    of moves: juror A joins it and leaves proposal P, juror B takes A's place on P, and so
//!    on until a juror with room joins. Every proposal on the way keeps its count. So every
//!    proposal gets k jurors whenever conflicts and loads allow it at all.
//! 5. **Evening out.** While a juror carries two or more proposals more than another, one new
//!    assignment moves from the busier to the quieter juror where allowed, keeping the fit
//!    where possible.
//! 6. **Swaps.** Two new assignments trade jurors when both together fit better: expertise
//!    improves and every load stays the same.
//! 7. **Shortfalls.** A proposal still short is reported: either fewer than k jurors are free
//!    of conflict with it at all, or there were enough, but all of them were full.
//!
//! Kept assignments never move. Input order never matters: everything is sorted by id, and of
//! duplicate ids the first counts.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub id: i32,
    pub category: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Juror {
    pub id: i32,
    /// category option ids the juror knows; empty = no stated expertise
    pub expertise: Vec<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub k: usize,
    pub max_load: usize,
    pub proposals: Vec<Proposal>,
    pub jurors: Vec<Juror>,
    /// (juror id, proposal id) pairs that must never be assigned
    pub conflicts: BTreeSet<(i32, i32)>,
    /// (proposal id, juror id) pairs already assigned and kept
    pub kept: Vec<(i32, i32)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Short {
    /// fewer jurors without a conflict than k exist for it
    TooFewFreeJurors { free: usize },
    /// enough free jurors exist, but they were full (max_load reached)
    JurorsFull,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub proposal_id: i32,
    pub assigned: usize,
    pub reason: Short,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// new (proposal id, juror id) pairs, sorted
    pub pairs: Vec<(i32, i32)>,
    /// proposals that got fewer than k jurors in total (kept + new), sorted by proposal id
    pub shortfalls: Vec<Shortfall>,
}

/// SplitMix64-style hash of (seed, a, b): the only source of tie-breaking.
fn mix(seed: u64, a: i32, b: i32) -> u64 {
    fn step(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    step(step(seed) ^ ((a as u32 as u64) << 32 | b as u32 as u64))
}

type Categories = BTreeMap<i32, Option<i32>>;
type Skills = BTreeMap<i32, BTreeSet<i32>>;

/// Proposal categories and juror expertise by id; of duplicate ids the first counts.
fn normalize(input: &Input) -> (Categories, Skills) {
    let mut cats = BTreeMap::new();
    for p in &input.proposals {
        cats.entry(p.id).or_insert(p.category);
    }
    let mut skills = BTreeMap::new();
    for j in &input.jurors {
        let set: BTreeSet<i32> = j.expertise.iter().copied().collect();
        skills.entry(j.id).or_insert(set);
    }
    (cats, skills)
}

/// Working state of a run: who sits on what, kept and new.
struct Board<'a> {
    input: &'a Input,
    cats: Categories,
    skills: Skills,
    kept: BTreeSet<(i32, i32)>,
    /// proposal → its jurors
    on: BTreeMap<i32, BTreeSet<i32>>,
    /// juror → their proposals
    of: BTreeMap<i32, BTreeSet<i32>>,
}

impl Board<'_> {
    /// Not yet on the proposal, and no conflict.
    fn free(&self, p: i32, j: i32) -> bool {
        !self.on[&p].contains(&j) && !self.input.conflicts.contains(&(j, p))
    }
    /// Free, and below the maximum load.
    fn open(&self, p: i32, j: i32) -> bool {
        self.free(p, j) && self.load(j) < self.input.max_load
    }
    fn load(&self, j: i32) -> usize {
        self.of[&j].len()
    }
    fn is_new(&self, p: i32, j: i32) -> bool {
        !self.kept.contains(&(p, j))
    }
    /// 0 knows the category (or there is none), 1 stated no expertise, 2 other fields only.
    fn misfit(&self, p: i32, j: i32) -> u8 {
        match self.cats[&p] {
            Some(c) if !self.skills[&j].contains(&c) => 1 + !self.skills[&j].is_empty() as u8,
            _ => 0,
        }
    }
    /// Puts juror `to` on proposal `p`, taking juror `from` off it if given.
    fn assign(&mut self, p: i32, from: Option<i32>, to: i32) {
        if let Some(from) = from {
            self.on.get_mut(&p).unwrap().remove(&from);
            self.of.get_mut(&from).unwrap().remove(&p);
        }
        self.on.get_mut(&p).unwrap().insert(to);
        self.of.get_mut(&to).unwrap().insert(p);
    }
    /// Step 4: breadth-first search for a chain giving `start` one more juror; applied if found.
    fn chain(&mut self, start: i32, jurors: &[i32]) -> bool {
        let (mut queue, mut at) = (vec![start], 0);
        let (mut joins, mut leaves) = (BTreeMap::new(), BTreeMap::new());
        while let Some(&p) = queue.get(at) {
            at += 1;
            for &j in jurors {
                if joins.contains_key(&j) || !self.free(p, j) {
                    continue;
                }
                joins.insert(j, p); // j could join p …
                if self.load(j) < self.input.max_load {
                    let mut j = j; // … and has room: walk the chain back to `start`
                    loop {
                        let p = joins[&j];
                        let leaver = leaves.get(&p).copied();
                        self.assign(p, leaver, j);
                        match leaver {
                            Some(h) => j = h,
                            None => return true,
                        }
                    }
                }
                for &q in &self.of[&j] {
                    if self.is_new(q, j) && q != start && !leaves.contains_key(&q) {
                        leaves.insert(q, j); // … if it leaves q, and someone else takes q
                        queue.push(q);
                    }
                }
            }
        }
        false
    }
}

pub fn plan(input: &Input, seed: u64) -> Plan {
    let (cats, skills) = normalize(input);
    let known = |&&(p, j): &&(i32, i32)| cats.contains_key(&p) && skills.contains_key(&j);
    let kept: BTreeSet<_> = input.kept.iter().filter(known).copied().collect();
    let on = cats.keys().map(|&p| (p, BTreeSet::new())).collect();
    let of = skills.keys().map(|&j| (j, BTreeSet::new())).collect();
    let jurors: Vec<i32> = skills.keys().copied().collect();
    let proposals: Vec<i32> = cats.keys().copied().collect();
    let mut b = Board {
        input,
        cats,
        skills,
        kept,
        on,
        of,
    };
    for (p, j) in b.kept.clone() {
        b.assign(p, None, j);
    }
    // Steps 2 and 3: rounds, hardest proposals first, least loaded and best fitting juror.
    for round in 1..=input.k {
        let pending = proposals.iter().filter(|&&p| b.on[&p].len() < round);
        let options = |p: i32| jurors.iter().filter(|&&j| b.open(p, j)).count();
        let mut order: Vec<_> = pending.map(|&p| (options(p), mix(seed, p, 0), p)).collect();
        order.sort_unstable();
        for (_, _, p) in order {
            let open = jurors.iter().filter(|&&j| b.open(p, j));
            let key = |&&j: &&i32| (b.load(j), b.misfit(p, j), mix(seed, p, j));
            if let Some(&j) = open.min_by_key(key) {
                b.assign(p, None, j);
            }
        }
    }
    // Step 4: chains for proposals left short.
    for &p in &proposals {
        while b.on[&p].len() < input.k && b.chain(p, &jurors) {}
    }
    // Step 5, evening out: each move lowers the sum of squared loads, so this ends.
    'moves: loop {
        let mut by_load: Vec<_> = jurors
            .iter()
            .map(|&j| (b.load(j), mix(seed, 0, j), j))
            .collect();
        by_load.sort_unstable();
        for &(heavy, _, h) in by_load.iter().rev() {
            for &(_, _, l) in by_load.iter().take_while(|x| x.0 + 2 <= heavy) {
                let movable = b.of[&h].iter().filter(|&&p| b.is_new(p, h) && b.open(p, l));
                let key = |&&p: &&i32| (b.misfit(p, l) + 2 - b.misfit(p, h), mix(seed, p, l));
                if let Some(&p) = movable.min_by_key(key) {
                    b.assign(p, Some(h), l);
                    continue 'moves;
                }
            }
        }
        break;
    }
    // Step 6, swaps: each one lowers the total misfit and keeps every load, so this ends.
    let new_pairs = |b: &Board| -> Vec<(i32, i32)> {
        let all =
            b.on.iter()
                .flat_map(|(&p, js)| js.iter().map(move |&j| (p, j)));
        all.filter(|&(p, j)| b.is_new(p, j)).collect()
    };
    let mut improved = true;
    while improved {
        improved = false;
        for (p1, j1) in new_pairs(&b) {
            let m1 = b.misfit(p1, j1);
            if m1 == 0 || !b.on[&p1].contains(&j1) {
                continue; // a fit already, or swapped earlier in this pass
            }
            let fitter = jurors
                .iter()
                .filter(|&&j2| b.misfit(p1, j2) < m1 && b.free(p1, j2));
            let mut partners = fitter.flat_map(|&j2| b.of[&j2].iter().map(move |&p2| (p2, j2)));
            let swap = partners.find(|&(p2, j2)| {
                let gain = b.misfit(p1, j2) + b.misfit(p2, j1) < m1 + b.misfit(p2, j2);
                gain && b.is_new(p2, j2) && b.free(p2, j1)
            });
            if let Some((p2, j2)) = swap {
                b.assign(p1, Some(j1), j2);
                b.assign(p2, Some(j2), j1);
                improved = true;
            }
        }
    }
    let mut shortfalls = vec![];
    for (&proposal_id, js) in b.on.iter().filter(|(_, js)| js.len() < input.k) {
        let free = jurors
            .iter()
            .filter(|&&j| !input.conflicts.contains(&(j, proposal_id)));
        let reason = match free.count() {
            free if free < input.k => Short::TooFewFreeJurors { free },
            _ => Short::JurorsFull,
        };
        let assigned = js.len();
        shortfalls.push(Shortfall {
            proposal_id,
            assigned,
            reason,
        });
    }
    Plan {
        pairs: new_pairs(&b),
        shortfalls,
    }
}

/// A canonical text of the input and seed (sorted, one fact per line), so a caller can hash it and store the fingerprint of a run.
pub fn canonical(input: &Input, seed: u64) -> String {
    let (cats, skills) = normalize(input);
    let (k, max_load) = (input.k, input.max_load);
    let mut out = format!("assign v1\nseed {seed}\nk {k}\nmax_load {max_load}\n");
    for (p, c) in &cats {
        let c = c.map_or("-".to_string(), |c| c.to_string());
        out += &format!("proposal {p} category {c}\n");
    }
    for (j, s) in &skills {
        let s: Vec<String> = s.iter().map(|c| c.to_string()).collect();
        out += &format!("juror {j} expertise {}\n", s.join(","));
    }
    for (j, p) in &input.conflicts {
        out += &format!("conflict juror {j} proposal {p}\n");
    }
    for (p, j) in input.kept.iter().collect::<BTreeSet<_>>() {
        out += &format!("kept proposal {p} juror {j}\n");
    }
    out
}

/// How many of the pairs match stated expertise: a helper for reports. (juror with empty expertise counts as not matched)
pub fn expertise_matches(input: &Input, pairs: &[(i32, i32)]) -> usize {
    let (cats, skills) = normalize(input);
    let matched = |(p, j): &&(i32, i32)| match (cats.get(p), skills.get(j)) {
        (Some(Some(c)), Some(s)) => s.contains(c),
        _ => false,
    };
    pairs.iter().filter(matched).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(props: i32, jurors: i32, k: usize, max_load: usize) -> Input {
        let proposals = (1..=props).map(|id| Proposal { id, category: None });
        let juror = |id| Juror {
            id,
            expertise: vec![],
        };
        let (conflicts, kept) = (BTreeSet::new(), vec![]);
        let jurors = (101..=100 + jurors).map(juror).collect();
        Input {
            k,
            max_load,
            proposals: proposals.collect(),
            jurors,
            conflicts,
            kept,
        }
    }

    fn shuffled(input: &Input) -> Input {
        let mut s = input.clone();
        s.proposals.reverse();
        let third = s.jurors.len() / 3;
        s.jurors.rotate_left(third);
        s.jurors.iter_mut().for_each(|j| j.expertise.reverse());
        s.kept.reverse();
        s
    }

    /// Checks every promise of the planner; returns each juror's load (kept + new).
    fn check(input: &Input, plan: &Plan) -> BTreeMap<i32, usize> {
        let (cats, skills) = normalize(input);
        let known = |(p, j): &(i32, i32)| cats.contains_key(p) && skills.contains_key(j);
        let kept: BTreeSet<_> = input.kept.iter().copied().filter(known).collect();
        assert!(
            plan.pairs.windows(2).all(|w| w[0] < w[1]),
            "sorted, none twice"
        );
        let all: BTreeSet<_> = kept.iter().chain(&plan.pairs).copied().collect();
        let mut load: BTreeMap<i32, usize> = skills.keys().map(|&j| (j, 0)).collect();
        all.iter().for_each(|(_, j)| *load.get_mut(j).unwrap() += 1);
        for &(p, j) in &plan.pairs {
            assert!(known(&(p, j)) && !kept.contains(&(p, j)), "unknown or kept");
            assert!(
                !input.conflicts.contains(&(j, p)),
                "conflicted pair {p},{j}"
            );
            assert!(load[&j] <= input.max_load, "juror {j} above max load");
        }
        let mut expected = vec![];
        for &p in cats.keys() {
            let on: BTreeSet<_> = all.iter().filter(|x| x.0 == p).map(|x| x.1).collect();
            let free = skills
                .keys()
                .filter(|&&j| !input.conflicts.contains(&(j, p)));
            if on.len() < input.k {
                let reason = match free.clone().count() {
                    free if free < input.k => Short::TooFewFreeJurors { free },
                    _ => Short::JurorsFull,
                };
                let mut idle = free.filter(|j| !on.contains(j) && load[*j] < input.max_load);
                assert!(idle.next().is_none(), "a free juror with room left off {p}");
                let assigned = on.len();
                expected.push(Shortfall {
                    proposal_id: p,
                    assigned,
                    reason,
                });
            }
        }
        assert_eq!(plan.shortfalls, expected);
        load
    }

    fn spread(load: &BTreeMap<i32, usize>) -> usize {
        load.values().max().unwrap() - load.values().min().unwrap()
    }

    #[test]
    fn empty_inputs_and_k_zero_give_an_empty_plan() {
        let empty = Plan {
            pairs: vec![],
            shortfalls: vec![],
        };
        for inp in [input(0, 0, 3, 5), input(5, 4, 0, 5), input(0, 4, 2, 5)] {
            assert_eq!(plan(&inp, 1), empty);
        }
    }

    #[test]
    fn every_proposal_gets_k_when_capacity_allows_and_loads_differ_by_at_most_one() {
        // (45, 12, 3) is the brief's example; the small tight ones need chains or evening out.
        let cases = [
            (45, 12, 3, 7),
            (3, 3, 2, 1),
            (4, 4, 2, 1),
            (8, 6, 4, 1),
            (9, 5, 4, 0),
        ];
        for (props, jurors, k, seed) in cases {
            let max_load = (props as usize * k).div_ceil(jurors as usize);
            let inp = input(props, jurors, k, max_load);
            let plan = plan(&inp, seed);
            let load = check(&inp, &plan);
            assert!(plan.shortfalls.is_empty());
            assert_eq!(plan.pairs.len(), props as usize * k);
            assert!(spread(&load) <= 1, "loads {load:?}");
        }
    }

    #[test]
    fn never_a_conflicted_pair() {
        let mut inp = input(20, 6, 3, 12);
        let pairs = (1..=20).flat_map(|p| [(101, p), (101 + p % 6, p)]);
        inp.conflicts = pairs.collect();
        let plan = plan(&inp, 5);
        check(&inp, &plan);
        assert!(
            plan.shortfalls.is_empty(),
            "101 may judge nothing, the other five fill all 60 slots"
        );
    }

    #[test]
    fn no_juror_above_max_load_including_kept() {
        let mut inp = input(6, 3, 2, 3);
        inp.kept = vec![(1, 101), (2, 101), (3, 101), (4, 101)];
        let plan = plan(&inp, 1);
        assert_eq!(check(&inp, &plan)[&101], 4, "over max already: nothing new");
    }

    #[test]
    fn kept_pairs_count_toward_k_and_load_and_are_not_readded() {
        let mut inp = input(3, 4, 2, 2);
        inp.kept = vec![(1, 101), (1, 102), (2, 101), (9, 101), (2, 999)]; // 9, 999 unknown
        let plan = plan(&inp, 3);
        check(&inp, &plan);
        assert!(plan.pairs.iter().all(|&(p, j)| p != 1 && j != 101));
        assert_eq!(plan.pairs.len(), 3);
    }

    #[test]
    fn same_input_and_seed_give_the_same_plan_whatever_the_order() {
        let mut inp = input(25, 8, 3, 10);
        for j in inp.jurors.iter_mut() {
            j.expertise = vec![j.id % 3, 7];
        }
        for p in inp.proposals.iter_mut() {
            p.category = Some(p.id % 4);
        }
        inp.conflicts = [(103, 4), (105, 9)].into();
        inp.kept = vec![(1, 102), (3, 104)];
        let first = plan(&inp, 42);
        assert_eq!(first, plan(&inp, 42));
        assert_eq!(first, plan(&shuffled(&inp), 42));
        let mut dup = inp.clone();
        dup.proposals.push(Proposal {
            id: 2,
            category: Some(3),
        });
        dup.jurors.push(Juror {
            id: 101,
            expertise: vec![9],
        });
        assert_eq!(first, plan(&dup, 42), "later duplicates are ignored");
    }

    #[test]
    fn a_different_seed_gives_a_different_plan() {
        let inp = input(45, 12, 3, 12);
        assert_ne!(plan(&inp, 1).pairs, plan(&inp, 2).pairs);
    }

    #[test]
    fn experts_are_preferred_when_loads_tie() {
        let mut inp = input(20, 8, 2, 5);
        for p in inp.proposals.iter_mut() {
            p.category = Some(1 + p.id % 2);
        }
        for j in inp.jurors.iter_mut() {
            j.expertise = vec![1 + j.id % 2];
        }
        for seed in 0..10 {
            let plan = plan(&inp, seed);
            assert_eq!(spread(&check(&inp, &plan)), 0);
            let matches = expertise_matches(&inp, &plan.pairs);
            assert!(matches >= 36, "seed {seed}: {matches} of 40");
        }
    }

    #[test]
    fn shortfall_reasons_both_ways() {
        let mut few = input(2, 3, 3, 5);
        few.conflicts = [(101, 1)].into();
        let reason = Short::TooFewFreeJurors { free: 2 };
        let short = Shortfall {
            proposal_id: 1,
            assigned: 2,
            reason,
        };
        assert_eq!(plan(&few, 1).shortfalls, vec![short]);
        let full = input(4, 3, 3, 2); // room for 6 of 12
        let plan_full = plan(&full, 1);
        assert_eq!(check(&full, &plan_full).values().sum::<usize>(), 6);
        assert!(plan_full
            .shortfalls
            .iter()
            .all(|s| s.reason == Short::JurorsFull));
        let huge = input(2, 3, 10, 50);
        let reason = Short::TooFewFreeJurors { free: 3 };
        assert!(plan(&huge, 1).shortfalls.iter().all(|s| s.reason == reason));
    }

    #[test]
    fn canonical_is_stable_under_reordering_and_changes_with_the_seed() {
        let mut inp = input(4, 3, 2, 3);
        inp.jurors[0].expertise = vec![5, 2];
        inp.kept = vec![(2, 103), (1, 102)];
        assert_eq!(canonical(&inp, 9), canonical(&shuffled(&inp), 9));
        assert_ne!(canonical(&inp, 9), canonical(&inp, 10));
        assert!(canonical(&inp, 9).contains("juror 101 expertise 2,5\n"));
    }

    #[test]
    fn invariants_hold_on_200_generated_inputs() {
        for case in 0..200 {
            let r = |a: i32, n: u64| (mix(case, a, 1) % n) as i32;
            let mut inp = input(r(1, 30), r(2, 12), r(3, 5) as usize, r(4, 9) as usize);
            for p in inp.proposals.iter_mut() {
                p.category = [None, Some(1), Some(2), Some(3)][r(10 + p.id, 4) as usize];
            }
            for j in inp.jurors.iter_mut() {
                j.expertise = (1..=3).filter(|c| r(j.id * 10 + c, 3) == 0).collect();
            }
            for (p, j) in (1..=30).flat_map(|p| (101..=112).map(move |j| (p, j))) {
                match r(p * 1000 + j, 20) {
                    0..=2 => _ = inp.conflicts.insert((j, p)),
                    3 => inp.kept.push((p, j)), // some with ids not in the input
                    _ => {}
                }
            }
            let plan = plan(&inp, case);
            check(&inp, &plan);
            assert_eq!(plan, super::plan(&shuffled(&inp), case), "case {case}");
        }
    }
}
