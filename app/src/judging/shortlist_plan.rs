//! The shortlist after a judged stage: which proposals go on ("Top 99", later "Top 45"), and
//! what each quota changed compared with simply taking the best N.
//!
//! 1. **Checks.** The size is at least 1. Every quota has a minimum, a maximum or both; its
//!    minimum is not above its maximum; a category, group or province has at most one quota;
//!    and all minimums together do not exceed the size. The first problem found is reported:
//!    the size first, then the quotas in their order, then the minimums together.
//! 2. **Rank order.** Proposals are taken in the order of the stage ranking; the order in
//!    which they are handed in never matters. A proposal counts towards a quota when its
//!    category, group or province is the quota's value; one without that field counts
//!    towards none.
//! 3. **Reserved places first.** Quota by quota, in the order they are listed: while fewer
//!    proposals on the list count towards the quota than its minimum, the best-ranked proposal
//!    that counts towards it, is not on the list yet and would not take any quota above its
//!    maximum is put on. When none is left, the missing places stay open ("unmet"). A
//!    proposal counts for every quota it matches, so one proposal can fill places of two.
//! 4. **Then by rank.** The remaining places go to the best-ranked proposals not yet on the
//!    list, skipping any that would take a quota above its maximum, until the list is full or
//!    no proposals are left. With fewer proposals than places the shortlist is just shorter.
//! 5. **The effect shown.** The *baseline* is the plain top N. Per quota: the proposals from
//!    below the top N that its reserved places brought in; those of the top N its maximum
//!    kept out (a proposal blocked by several maximums is shown under the first of them); how
//!    many on the shortlist count towards it; and how many reserved places stayed open.
//!    *Displaced* are proposals of the top N left out to make room for reserved places.
//!
//! Technical notes: equal ranks (which should not happen) are ordered by proposal id, and of
//! a proposal handed in twice the better-placed entry counts. Quotas are stored as one line,
//! e.g. `category:12>=3<=10;province:33>=2` (a missing minimum or maximum is left out); the
//! characters `%`, `;`, `<`, `>` inside a value are written `%25`, `%3B`, `%3C`, `%3E`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dimension {
    Category,
    Group,
    Province,
}

impl Dimension {
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Category => "category",
            Dimension::Group => "group",
            Dimension::Province => "province",
        }
    }

    pub fn parse(code: &str) -> Option<Dimension> {
        match code {
            "category" => Some(Dimension::Category),
            "group" => Some(Dimension::Group),
            "province" => Some(Dimension::Province),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub dimension: Dimension,
    /// The value it applies to: an option id (category/group) or a province code, as text.
    pub value: String,
    /// Places reserved for it: at least this many of the shortlist, when enough candidates exist.
    pub min: Option<usize>,
    /// At most this many of the shortlist.
    pub max: Option<usize>,
}

impl Quota {
    /// The candidate's field for this quota's dimension equals the value (None matches nothing).
    fn matches(&self, c: &Candidate) -> bool {
        let field = match self.dimension {
            Dimension::Category => &c.category,
            Dimension::Group => &c.group,
            Dimension::Province => &c.province,
        };
        field.as_deref() == Some(self.value.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub proposal_id: i32,
    /// 1-based position in the stage ranking; unique among candidates.
    pub rank: usize,
    pub category: Option<String>,
    pub group: Option<String>,
    pub province: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaEffect {
    /// Chosen to fill this quota's reserved places although outside the plain top N (rank order).
    pub brought_in: Vec<i32>,
    /// In the plain top N but left out because this quota's maximum was reached (rank order).
    pub kept_out: Vec<i32>,
    /// How many of the shortlist match this quota.
    pub chosen: usize,
    /// Reserved places that could not be filled (too few candidates match).
    pub unmet: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The shortlist, in rank order.
    pub chosen: Vec<i32>,
    /// The plain top N without quotas, in rank order.
    pub baseline: Vec<i32>,
    /// One per quota, in the quotas' order.
    pub effects: Vec<QuotaEffect>,
    /// In the plain top N, left out to make room for reserved places (rank order).
    pub displaced: Vec<i32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanError {
    /// size is 0
    EmptySize,
    /// The quota at this index has min > max.
    MinAboveMax(usize),
    /// The quota at this index repeats an earlier quota's dimension and value.
    Duplicate(usize),
    /// The reserved places (sum of mins) exceed the size.
    ReservedAboveSize,
    /// The quota at this index has neither min nor max.
    Empty(usize),
}

/// Rule 1: the first problem with the size or the quotas.
fn validate(size: usize, quotas: &[Quota]) -> Result<(), PlanError> {
    if size == 0 {
        return Err(PlanError::EmptySize);
    }
    for (i, q) in quotas.iter().enumerate() {
        let same = |p: &Quota| p.dimension == q.dimension && p.value == q.value;
        match (q.min, q.max) {
            (None, None) => return Err(PlanError::Empty(i)),
            (Some(min), Some(max)) if min > max => return Err(PlanError::MinAboveMax(i)),
            _ if quotas.iter().take(i).any(same) => return Err(PlanError::Duplicate(i)),
            _ => {}
        }
    }
    let mins = quotas.iter().filter_map(|q| q.min);
    if mins.fold(0, usize::saturating_add) > size {
        return Err(PlanError::ReservedAboveSize);
    }
    Ok(())
}

type SortKey<'a> = (
    usize,
    i32,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Rank first; the other fields only order entries that should not exist (rank shared).
fn sort_key(c: &Candidate) -> SortKey<'_> {
    let (category, group) = (c.category.as_deref(), c.group.as_deref());
    (
        c.rank,
        c.proposal_id,
        category,
        group,
        c.province.as_deref(),
    )
}

/// Candidates in rank order; of a proposal listed twice only the better-placed entry.
fn in_rank_order(candidates: &[Candidate]) -> Vec<&Candidate> {
    let mut list: Vec<&Candidate> = candidates.iter().collect();
    list.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let mut seen = BTreeSet::new();
    list.retain(|c| seen.insert(c.proposal_id));
    list
}

/// One candidate while the shortlist is drawn up.
struct Pick {
    id: i32,
    /// Per quota, in the quotas' order: does the candidate match it?
    matches: Vec<bool>,
    chosen: bool,
    /// The quota whose reserved place it fills.
    reserved_by: Option<usize>,
}

/// The shortlist while it is drawn up.
struct Draft<'a> {
    quotas: &'a [Quota],
    /// All candidates, in rank order.
    picks: Vec<Pick>,
    /// Per quota: how many chosen candidates match it.
    counts: Vec<usize>,
}

impl Draft<'_> {
    /// The first quota (in the quotas' order) that choosing candidate `i` would take above
    /// its maximum.
    fn blocked_by(&self, i: usize) -> Option<usize> {
        let limits = self.quotas.iter().map(|q| q.max);
        let mut row = limits.zip(&self.counts).zip(&self.picks[i].matches);
        row.position(|((limit, &n), &m)| m && limit.is_some_and(|max| n >= max))
    }

    /// Puts candidate `i` on the list; it counts for every quota it matches.
    fn choose(&mut self, i: usize, reserved_by: Option<usize>) {
        let pick = &mut self.picks[i];
        pick.chosen = true;
        pick.reserved_by = reserved_by;
        for (n, &m) in self.counts.iter_mut().zip(&pick.matches) {
            *n += usize::from(m);
        }
    }

    /// Rule 3: the reserved places, quota by quota.
    fn reserve(&mut self) {
        let quotas = self.quotas;
        for (q, quota) in quotas.iter().enumerate() {
            let Some(min) = quota.min else { continue };
            for i in 0..self.picks.len() {
                if self.counts[q] >= min {
                    break;
                }
                let free = self.picks[i].matches[q] && !self.picks[i].chosen;
                if free && self.blocked_by(i).is_none() {
                    self.choose(i, Some(q));
                }
            }
        }
    }

    /// Rule 4: the remaining places, by rank. Returns per quota the candidates of the top
    /// `size` that its maximum kept out.
    fn fill(&mut self, size: usize) -> Vec<Vec<i32>> {
        let mut kept_out = vec![Vec::new(); self.quotas.len()];
        let mut taken = self.picks.iter().filter(|p| p.chosen).count();
        for i in 0..self.picks.len() {
            if taken >= size {
                break;
            }
            if self.picks[i].chosen {
                continue;
            }
            match self.blocked_by(i) {
                None => {
                    self.choose(i, None);
                    taken += 1;
                }
                Some(q) if i < size => kept_out[q].push(self.picks[i].id),
                Some(_) => {}
            }
        }
        kept_out
    }
}

/// The ids of the candidates that pass `keep`, in rank order.
fn ids(picks: &[Pick], keep: impl Fn(&Pick) -> bool) -> Vec<i32> {
    picks.iter().filter(|&p| keep(p)).map(|p| p.id).collect()
}

pub fn plan(candidates: &[Candidate], size: usize, quotas: &[Quota]) -> Result<Plan, PlanError> {
    validate(size, quotas)?;
    let pick = |c: &Candidate| Pick {
        id: c.proposal_id,
        matches: quotas.iter().map(|q| q.matches(c)).collect(),
        chosen: false,
        reserved_by: None,
    };
    let picks = in_rank_order(candidates).into_iter().map(pick).collect();
    let counts = vec![0; quotas.len()];
    let mut draft = Draft {
        quotas,
        picks,
        counts,
    };
    draft.reserve();
    let kept_out = draft.fill(size);
    let (top, below) = draft.picks.split_at(size.min(draft.picks.len()));
    let kept = |p: &Pick| kept_out.iter().any(|k| k.contains(&p.id));
    let displaced = ids(top, |p| !p.chosen && !kept(p));
    let mut effects = Vec::new();
    for (q, (quota, kept_out)) in quotas.iter().zip(kept_out).enumerate() {
        let chosen = draft.counts[q];
        effects.push(QuotaEffect {
            brought_in: ids(below, |p| p.reserved_by == Some(q)),
            kept_out,
            chosen,
            unmet: quota.min.map_or(0, |min| min.saturating_sub(chosen)),
        });
    }
    Ok(Plan {
        chosen: ids(&draft.picks, |p| p.chosen),
        baseline: ids(top, |_| true),
        effects,
        displaced,
    })
}

/// How `%`, `;`, `<` and `>` are written inside a stored value.
const ESCAPES: [(char, &str); 4] = [('%', "%25"), (';', "%3B"), ('<', "%3C"), ('>', "%3E")];

fn escape(value: &str) -> String {
    let one = |c: char| match ESCAPES.iter().find(|(e, _)| *e == c) {
        Some((_, code)) => code.to_string(),
        None => c.to_string(),
    };
    value.chars().map(one).collect()
}

/// None for a `%` not starting one of the codes in `ESCAPES`.
fn unescape(text: &str) -> Option<String> {
    let (mut out, mut rest) = (String::new(), text);
    while let Some(at) = rest.find('%') {
        out.push_str(rest.get(..at)?);
        let code = rest.get(at..at + 3)?;
        out.push(ESCAPES.iter().find(|(_, e)| *e == code)?.0);
        rest = rest.get(at + 3..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// Quotas as one line of text for storage and the record, e.g.
/// "category:12>=3<=10;province:33>=2" (a bound is left out when None); "" for no quotas.
/// `parse_quotas` reads it back.
pub fn quotas_code(quotas: &[Quota]) -> String {
    let one = |q: &Quota| {
        let min = q.min.map(|n| format!(">={n}")).unwrap_or_default();
        let max = q.max.map(|n| format!("<={n}")).unwrap_or_default();
        format!("{}:{}{min}{max}", q.dimension.code(), escape(&q.value))
    };
    quotas.iter().map(one).collect::<Vec<_>>().join(";")
}

/// Reads `prefix` and a number off the front of `text`, giving it and the rest: no number
/// without the prefix; None when plain digits (fitting a usize) do not follow the prefix.
fn take_bound<'a>(text: &'a str, prefix: &str) -> Option<(Option<usize>, &'a str)> {
    let Some(rest) = text.strip_prefix(prefix) else {
        return Some((None, text));
    };
    let end = rest.find(|c: char| !c.is_ascii_digit());
    let (number, tail) = rest.split_at(end.unwrap_or(rest.len()));
    Some((Some(number.parse().ok()?), tail))
}

fn parse_quota(item: &str) -> Option<Quota> {
    let (dimension, rest) = item.split_once(':')?;
    let dimension = Dimension::parse(dimension)?;
    let end = rest.find(['<', '>']).unwrap_or(rest.len());
    let (value, bounds) = rest.split_at(end);
    let (min, bounds) = take_bound(bounds, ">=")?;
    let (max, bounds) = take_bound(bounds, "<=")?;
    if !bounds.is_empty() {
        return None;
    }
    let value = unescape(value)?;
    Some(Quota {
        dimension,
        value,
        min,
        max,
    })
}

/// The quotas written by `quotas_code`: None for malformed text, none at all for "".
pub fn parse_quotas(text: &str) -> Option<Vec<Quota>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(';').map(parse_quota).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Dimension::{Category, Group, Province};

    /// (proposal id, rank, category, group, province); "" is None.
    type Row = (i32, usize, &'static str, &'static str, &'static str);

    /// Ranks 1–8 are proposals 11–18, handed in out of order.
    const EIGHT: [Row; 8] = [
        (15, 5, "2", "b", "33"),
        (11, 1, "1", "a", "31"),
        (18, 8, "", "", "34"),
        (13, 3, "2", "a", "32"),
        (12, 2, "1", "b", "31"),
        (17, 7, "3", "b", ""),
        (14, 4, "1", "a", "31"),
        (16, 6, "3", "a", "33"),
    ];
    const TOP4: [i32; 4] = [11, 12, 13, 14];
    const ALL: [i32; 8] = [11, 12, 13, 14, 15, 16, 17, 18];

    fn candidates(rows: &[Row]) -> Vec<Candidate> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let one = |&(proposal_id, rank, c, g, p): &Row| Candidate {
            proposal_id,
            rank,
            category: text(c),
            group: text(g),
            province: text(p),
        };
        rows.iter().map(one).collect()
    }
    fn eight() -> Vec<Candidate> {
        candidates(&EIGHT)
    }
    fn quotas(code: &str) -> Vec<Quota> {
        parse_quotas(code).unwrap()
    }
    /// The plan for the eight candidates with the quotas written as `code`.
    fn run(size: usize, code: &str) -> Plan {
        plan(&eight(), size, &quotas(code)).unwrap()
    }
    fn effect(brought_in: &[i32], kept_out: &[i32], chosen: usize, unmet: usize) -> QuotaEffect {
        QuotaEffect {
            brought_in: brought_in.to_vec(),
            kept_out: kept_out.to_vec(),
            chosen,
            unmet,
        }
    }

    #[test]
    fn without_quotas_the_top_n_go_on() {
        let p = run(4, "");
        assert_eq!(p.chosen, TOP4);
        assert_eq!(p.baseline, TOP4);
        assert!(p.effects.is_empty() && p.displaced.is_empty());
    }

    #[test]
    fn a_minimum_brings_in_a_lower_rank_and_displaces_the_last_of_the_top() {
        let p = run(4, "category:3>=1");
        assert_eq!(p.baseline, TOP4);
        assert_eq!(p.chosen, [11, 12, 13, 16]);
        assert_eq!(p.effects, [effect(&[16], &[], 1, 0)]);
        assert_eq!(p.displaced, [14]);
    }

    #[test]
    fn a_maximum_keeps_a_top_candidate_out_and_the_next_comes_in() {
        let p = run(4, "category:1<=2");
        assert_eq!(p.chosen, [11, 12, 13, 15]);
        assert_eq!(p.effects, [effect(&[], &[14], 2, 0)]);
        assert!(p.displaced.is_empty());
    }

    #[test]
    fn one_candidate_counts_for_every_quota_it_matches() {
        // 16 (category 3, province 33) fills the reserved places of both.
        let p = run(3, "category:3>=1;province:33>=1");
        assert_eq!(p.chosen, [11, 12, 16]);
        let both = [effect(&[16], &[], 1, 0), effect(&[], &[], 1, 0)];
        assert_eq!(p.effects, both);
        assert_eq!(p.displaced, [13]);
        // The other way round, province 33 reserves 15 first; 16 then counts for both.
        let p = run(3, "province:33>=1;category:3>=1");
        assert_eq!(p.chosen, [11, 15, 16]);
        let both = [effect(&[15], &[], 2, 0), effect(&[16], &[], 1, 0)];
        assert_eq!(p.effects, both);
        assert_eq!(p.displaced, [12, 13]);
    }

    #[test]
    fn a_reservation_skips_candidates_another_maximum_excludes() {
        let p = run(3, "category:3>=1;province:33<=0");
        assert_eq!(p.chosen, [11, 12, 17]);
        assert_eq!(p.effects[0], effect(&[17], &[], 1, 0));
        assert_eq!(p.displaced, [13]);
    }

    #[test]
    fn too_few_matching_candidates_leave_reserved_places_unmet() {
        let p = run(4, "category:3>=3");
        assert_eq!(p.chosen, [11, 12, 16, 17]);
        assert_eq!(p.effects, [effect(&[16, 17], &[], 2, 1)]);
        assert_eq!(p.displaced, [13, 14]);
    }

    #[test]
    fn fewer_candidates_than_places_give_a_shorter_list() {
        let p = run(10, "");
        assert_eq!(p.chosen, ALL);
        assert_eq!(p.baseline, ALL);
        let p = run(10, "category:1<=1");
        assert_eq!(p.chosen, [11, 13, 15, 16, 17, 18]);
        assert_eq!(p.effects, [effect(&[], &[12, 14], 1, 0)]);
        assert!(p.displaced.is_empty());
        let none = plan(&[], 3, &quotas("category:1>=1")).unwrap();
        assert!(none.chosen.is_empty() && none.baseline.is_empty());
        assert_eq!(none.effects, [effect(&[], &[], 0, 1)]);
    }

    #[test]
    fn each_error_and_which_comes_first() {
        use PlanError::*;
        let err = |size, code: &str| plan(&eight(), size, &quotas(code)).err();
        assert_eq!(err(0, ""), Some(EmptySize));
        assert_eq!(err(0, "group:a"), Some(EmptySize));
        assert_eq!(err(4, "category:1>=1;group:a"), Some(Empty(1)));
        assert_eq!(err(4, "category:1>=3<=2;group:a"), Some(MinAboveMax(0)));
        let dup = "category:1>=1;group:1>=1;category:1<=2"; // group 1 is no duplicate
        assert_eq!(err(4, dup), Some(Duplicate(2)));
        let two = "category:1>=2;category:2>=2";
        assert_eq!(err(3, two), Some(ReservedAboveSize));
        assert_eq!(err(4, two), None);
        assert_eq!(err(1, "category:1>=2;category:1>=2"), Some(Duplicate(1)));
    }

    #[test]
    fn input_order_never_matters() {
        for code in ["", "category:3>=1;group:a<=2", "province:33>=2"] {
            let mut list = eight();
            let first = plan(&list, 4, &quotas(code));
            assert!(first.is_ok());
            list.reverse();
            assert_eq!(plan(&list, 4, &quotas(code)), first);
            list.rotate_left(3);
            assert_eq!(plan(&list, 4, &quotas(code)), first);
        }
    }

    #[test]
    fn of_a_proposal_listed_twice_the_better_place_counts() {
        let mut list = eight();
        list.extend(candidates(&[(11, 9, "3", "b", "33")]));
        let q = quotas("category:3>=3");
        assert_eq!(plan(&list, 4, &q), plan(&eight(), 4, &q));
    }

    #[test]
    fn quotas_code_round_trips() {
        for d in [Category, Group, Province] {
            assert_eq!(Dimension::parse(d.code()), Some(d));
        }
        let mut list = vec![Quota {
            dimension: Category,
            value: "12".to_string(),
            min: Some(3),
            max: Some(10),
        }];
        list.push(Quota {
            value: "a;b<c>d%e:f=g".to_string(),
            max: None,
            ..list[0].clone()
        });
        let code = "category:12>=3<=10;category:a%3Bb%3Cc%3Ed%25e:f=g>=3";
        assert_eq!(quotas_code(&list), code);
        assert_eq!(parse_quotas(code), Some(list));
        for code in ["province:33>=2", "group:7<=1;category:>=0<=0;category:5"] {
            let back = parse_quotas(code).map(|q| quotas_code(&q));
            assert_eq!(back.as_deref(), Some(code));
        }
        assert_eq!(quotas_code(&[]), "");
        assert_eq!(parse_quotas(""), Some(vec![]));
    }

    #[test]
    fn junk_quota_text_is_rejected() {
        let junk = "; category:x>= planet:1>=2 category:1>=a category category:1>=2; \
                    ;category:1>=2 category:1<=2>=1 category:1>2 category:1>=-1 \
                    category:1>=+1 category:1%41 category:1%2 group:1>=99999999999999999999";
        for text in junk.split(' ') {
            assert_eq!(parse_quotas(text), None, "{text}");
        }
    }

    /// xorshift64: a fixed stream of pseudo-random numbers.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
        /// "1", "2" or "3", or None one time in four.
        fn field(&mut self) -> Option<String> {
            ["1", "2", "3"].get(self.below(4)).map(|v| v.to_string())
        }
        fn bound(&mut self) -> Option<usize> {
            (self.below(3) > 0).then(|| self.below(4))
        }
        fn quota(&mut self) -> Quota {
            let dimension = [Category, Group, Province][self.below(3)];
            let value = (1 + self.below(3)).to_string();
            let (mut min, mut max) = (self.bound(), self.bound());
            match (min, max) {
                (None, None) => min = Some(1),
                (Some(a), Some(b)) if a > b => (min, max) = (Some(b), Some(a)),
                _ => {}
            }
            Quota {
                dimension,
                value,
                min,
                max,
            }
        }
    }

    fn check(candidates: &[Candidate], size: usize, quotas: &[Quota], p: &Plan) {
        let find = |id: i32| candidates.iter().find(|c| c.proposal_id == id).unwrap();
        assert!(p.chosen.len() <= size);
        let ranks: Vec<usize> = p.chosen.iter().map(|&id| find(id).rank).collect();
        assert!(
            ranks.windows(2).all(|w| w[0] < w[1]),
            "rank order, no repeats"
        );
        assert_eq!(p.effects.len(), quotas.len());
        for (q, e) in quotas.iter().zip(&p.effects) {
            let chosen = p.chosen.iter().filter(|&&id| q.matches(find(id))).count();
            assert_eq!(e.chosen, chosen);
            if let Some(max) = q.max {
                assert!(chosen <= max, "{q:?} above its maximum");
            }
            if let Some(min) = q.min {
                assert!(chosen >= min || e.unmet == min - chosen, "{q:?}: {e:?}");
            }
        }
        if quotas.iter().all(|q| q.max.is_none()) {
            assert_eq!(p.chosen.len(), size.min(candidates.len()));
        }
        let mut by_rank = candidates.to_vec();
        by_rank.sort_by_key(|c| c.rank);
        let top = by_rank.iter().take(size).map(|c| c.proposal_id);
        assert_eq!(p.baseline, top.collect::<Vec<_>>());
        for id in &p.baseline {
            let kept = p.effects.iter().filter(|e| e.kept_out.contains(id)).count();
            let on = usize::from(p.chosen.contains(id)) + usize::from(p.displaced.contains(id));
            assert_eq!(on + kept, 1, "{id}: chosen, kept out or displaced, once");
        }
    }

    #[test]
    fn invariants_hold_on_500_generated_inputs() {
        let (mut rng, mut valid) = (Rng(0x2545_F491_4F6C_DD1D), 0);
        for case in 0..500 {
            let n = rng.below(11);
            let mut ranks: Vec<usize> = (1..=n).map(|r| r * 2).collect(); // with gaps
            for i in (1..n).rev() {
                ranks.swap(i, rng.below(i + 1));
            }
            let mut list = Vec::new();
            for (i, &rank) in ranks.iter().enumerate() {
                list.push(Candidate {
                    proposal_id: i as i32 + 1,
                    rank,
                    category: rng.field(),
                    group: rng.field(),
                    province: rng.field(),
                });
            }
            let size = 1 + rng.below(10);
            let quotas: Vec<Quota> = (0..rng.below(4)).map(|_| rng.quota()).collect();
            let Ok(p) = plan(&list, size, &quotas) else {
                continue;
            };
            valid += 1;
            check(&list, size, &quotas, &p);
            list.reverse();
            assert_eq!(plan(&list, size, &quotas), Ok(p), "case {case}");
        }
        assert!(valid >= 250, "only {valid} of 500 inputs were valid");
    }
}
