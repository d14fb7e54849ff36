//! Setting up a competition (organizers; admins create them): descriptions and rules in
//! both languages, kind, team size limits, categories and groups, the timeline of dated
//! stages, and publishing once it is complete.
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{CompetitionKind, CompetitionStatus, Stage, StagePhase};
use crate::i18n::Key;
use crate::organizations::OrganizationKind;

pub mod api;
#[cfg(feature = "ssr")]
pub mod options;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod record;
#[cfg(feature = "ssr")]
pub mod service;

/// A competition as its organizers' list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedCompetition {
    pub slug: String,
    pub title: String,
    pub kind: CompetitionKind,
    pub status: CompetitionStatus,
}

/// The organizer's overview: their competitions, and whether they may create one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageOverview {
    pub competitions: Vec<ManagedCompetition>,
    pub can_create: bool,
}

/// One stage's dates as the form shows them (`YYYY-MM-DDTHH:MM` in WIB, or empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDates {
    pub stage: Stage,
    pub starts: String,
    pub ends: String,
    /// The competition's kind needs this stage dated before publishing.
    pub required: bool,
    /// Where it stands by the server clock, once dated.
    pub phase: Option<StagePhase>,
}

/// An explicit stage change, as the set-up page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub stage: Stage,
    /// `start` or `end`.
    pub action: String,
    pub planned_at: DateTime<Utc>,
    pub at: DateTime<Utc>,
    pub by: Option<String>,
}

/// Everything the setup page edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitionSetup {
    pub slug: String,
    pub status: CompetitionStatus,
    pub kind: CompetitionKind,
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub description_id: String,
    pub description_en: String,
    pub rules_id: String,
    pub rules_en: String,
    pub team_min: i32,
    pub team_max: i32,
    /// One per line, `Indonesian name | English name`.
    pub categories: String,
    pub groups: String,
    pub stages: Vec<StageDates>,
    /// Explicit stage changes, newest first.
    pub changes: Vec<StageChange>,
    pub eligibility: Eligibility,
    /// Each judged stage's rubric as the form shows it, one criterion per line.
    pub rubric: Vec<(Stage, String)>,
    /// One prize per line: `Indonesian | English | reward`.
    pub prizes: String,
    /// One partner organization's exact name per line.
    pub partners: String,
    /// The proposal template, one section per line: `Judul | Title | word limit`.
    pub template: String,
}

/// Who may enter: kinds of agency, months the innovation has run, earlier wins allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub kinds: Vec<OrganizationKind>,
    pub min_months_running: i32,
    /// At most this many earlier wins on the platform; `None`: no limit.
    pub max_earlier_wins: Option<i32>,
}

impl Eligibility {
    /// The kinds stored as comma-separated codes.
    pub fn kinds_from_codes(codes: &str) -> Vec<OrganizationKind> {
        codes
            .split(',')
            .filter_map(|c| OrganizationKind::parse(c.trim()))
            .collect()
    }

    pub fn kinds_to_codes(kinds: &[OrganizationKind]) -> String {
        kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join(",")
    }
}

/// A whole number in `range`, or `missing` when empty (then `None`).
pub fn parse_count(
    input: &str,
    range: std::ops::RangeInclusive<i32>,
    invalid: Key,
) -> Result<Option<i32>, Key> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .map(Some)
        .ok_or(invalid)
}

/// A competition's address: lower-case letters, digits and single hyphens, 3 to 80.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(input: &str) -> Result<Slug, Key> {
        let slug = input.trim().to_lowercase();
        let chars_ok = slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if slug.is_empty() {
            Err(Key::SetupErrorSlugRequired)
        } else if !chars_ok
            || slug.len() < 3
            || slug.len() > 80
            || slug.starts_with('-')
            || slug.ends_with('-')
            || slug.contains("--")
        {
            Err(Key::SetupErrorSlugInvalid)
        } else {
            Ok(Slug(slug))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Required text up to `max` characters, trimmed.
pub fn required_text(input: &str, max: usize, missing: Key, too_long: Key) -> Result<String, Key> {
    let text = input.trim();
    if text.is_empty() {
        Err(missing)
    } else if text.chars().count() > max {
        Err(too_long)
    } else {
        Ok(text.to_string())
    }
}

/// A named option in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionName {
    pub id: String,
    pub en: String,
}

/// At most this many categories (or groups).
pub const MAX_OPTIONS: usize = 30;

/// Lines of `Indonesian | English` (the English part optional: then the same name).
pub fn parse_options(input: &str) -> Result<Vec<OptionName>, Key> {
    let mut out: Vec<OptionName> = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (id, en) = match line.split_once('|') {
            Some((id, en)) => (id.trim(), en.trim()),
            None => (line, line),
        };
        let en = if en.is_empty() { id } else { en };
        if id.is_empty() || id.chars().count() > 120 || en.chars().count() > 120 {
            return Err(Key::SetupErrorOptionInvalid);
        }
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(id)) {
            return Err(Key::SetupErrorOptionDuplicate);
        }
        out.push(OptionName {
            id: id.to_string(),
            en: en.to_string(),
        });
    }
    if out.len() > MAX_OPTIONS {
        return Err(Key::SetupErrorOptionTooMany);
    }
    Ok(out)
}

/// The form's text for options, one per line.
pub fn format_options(options: &[OptionName]) -> String {
    options
        .iter()
        .map(|o| {
            if o.id == o.en {
                o.id.clone()
            } else {
                format!("{} | {}", o.id, o.en)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One rubric criterion as typed: `Nama | Name | weight | min-max | deskripsi | description`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name_id: String,
    pub name_en: String,
    /// Percent of the stage's score; a stage's weights add up to 100.
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
    pub description_id: String,
    pub description_en: String,
}

/// At most this many criteria per stage, and prizes or partners per competition.
pub const MAX_CRITERIA: usize = 20;
pub const MAX_PRIZES: usize = 20;
pub const MAX_PARTNERS: usize = 30;
const NAME_MAX: usize = 120;
const CRITERION_TEXT_MAX: usize = 1000;
const REWARD_MAX: usize = 200;

fn parts(line: &str) -> Vec<&str> {
    line.split('|').map(str::trim).collect()
}

fn name_pair<'a>(id: &'a str, en: Option<&'a str>) -> Option<(&'a str, &'a str)> {
    let en = en.filter(|en| !en.is_empty()).unwrap_or(id);
    (!id.is_empty() && id.chars().count() <= NAME_MAX && en.chars().count() <= NAME_MAX)
        .then_some((id, en))
}

/// A stage's rubric, one criterion per line; the weights must add up to 100.
pub fn parse_criteria(input: &str) -> Result<Vec<Criterion>, Key> {
    let mut out: Vec<Criterion> = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        if p.len() < 4 || p.len() > 6 {
            return Err(Key::SetupErrorCriterionFormat);
        }
        let (name_id, name_en) =
            name_pair(p[0], Some(p[1])).ok_or(Key::SetupErrorCriterionFormat)?;
        let weight = p[2]
            .trim_end_matches('%')
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|w| (1..=100).contains(w))
            .ok_or(Key::SetupErrorCriterionWeight)?;
        let (scale_min, scale_max) = p[3]
            .split_once('-')
            .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)))
            .filter(|(a, b)| *a >= 0 && a < b && *b <= 100)
            .ok_or(Key::SetupErrorCriterionScale)?;
        let description_id = p.get(4).copied().unwrap_or("");
        let description_en = p
            .get(5)
            .copied()
            .filter(|d| !d.is_empty())
            .unwrap_or(description_id);
        if description_id.chars().count() > CRITERION_TEXT_MAX
            || description_en.chars().count() > CRITERION_TEXT_MAX
        {
            return Err(Key::SetupErrorCriterionFormat);
        }
        if out.iter().any(|c| c.name_id.eq_ignore_ascii_case(name_id)) {
            return Err(Key::SetupErrorCriterionDuplicate);
        }
        out.push(Criterion {
            name_id: name_id.to_string(),
            name_en: name_en.to_string(),
            weight,
            scale_min,
            scale_max,
            description_id: description_id.to_string(),
            description_en: description_en.to_string(),
        });
    }
    if out.len() > MAX_CRITERIA {
        return Err(Key::SetupErrorCriterionTooMany);
    }
    if !out.is_empty() && out.iter().map(|c| c.weight).sum::<i32>() != 100 {
        return Err(Key::SetupErrorCriterionTotal);
    }
    Ok(out)
}

/// The form's text for a stage's rubric.
pub fn format_criteria(criteria: &[Criterion]) -> String {
    criteria
        .iter()
        .map(|c| {
            let mut line = format!(
                "{} | {} | {} | {}-{}",
                c.name_id, c.name_en, c.weight, c.scale_min, c.scale_max
            );
            if !c.description_id.is_empty() {
                line.push_str(&format!(" | {}", c.description_id));
                if c.description_en != c.description_id {
                    line.push_str(&format!(" | {}", c.description_en));
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A prize as typed: `Juara 1 | First place | Rp 50.000.000`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrizeLine {
    pub name_id: String,
    pub name_en: String,
    pub reward: String,
}

pub fn parse_prizes(input: &str) -> Result<Vec<PrizeLine>, Key> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        let (name_id, name_en, reward) = match p.as_slice() {
            [id, reward] => (*id, *id, *reward),
            [id, en, reward] => (*id, *en, *reward),
            _ => return Err(Key::SetupErrorPrizeFormat),
        };
        let (name_id, name_en) =
            name_pair(name_id, Some(name_en)).ok_or(Key::SetupErrorPrizeFormat)?;
        if reward.is_empty() || reward.chars().count() > REWARD_MAX {
            return Err(Key::SetupErrorPrizeFormat);
        }
        out.push(PrizeLine {
            name_id: name_id.to_string(),
            name_en: name_en.to_string(),
            reward: reward.to_string(),
        });
    }
    if out.len() > MAX_PRIZES {
        return Err(Key::SetupErrorPrizeTooMany);
    }
    Ok(out)
}

pub fn format_prizes(prizes: &[PrizeLine]) -> String {
    prizes
        .iter()
        .map(|p| format!("{} | {} | {}", p.name_id, p.name_en, p.reward))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A proposal section as typed: `Judul | Title | word limit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionLine {
    pub title_id: String,
    pub title_en: String,
    pub word_limit: i32,
}

pub const MAX_SECTIONS: usize = 30;

pub fn parse_template(input: &str) -> Result<Vec<SectionLine>, Key> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let p = parts(line);
        let [id, en, limit] = p.as_slice() else {
            return Err(Key::SetupErrorSectionFormat);
        };
        let (title_id, title_en) = name_pair(id, Some(en)).ok_or(Key::SetupErrorSectionFormat)?;
        let word_limit = limit
            .parse::<i32>()
            .ok()
            .filter(|n| (10..=5000).contains(n))
            .ok_or(Key::SetupErrorSectionLimit)?;
        out.push(SectionLine {
            title_id: title_id.to_string(),
            title_en: title_en.to_string(),
            word_limit,
        });
    }
    if out.is_empty() {
        return Err(Key::SetupErrorSectionsRequired);
    }
    if out.len() > MAX_SECTIONS {
        return Err(Key::SetupErrorSectionsTooMany);
    }
    Ok(out)
}

pub fn format_template(sections: &[SectionLine]) -> String {
    sections
        .iter()
        .map(|s| format!("{} | {} | {}", s.title_id, s.title_en, s.word_limit))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The form field of a judged stage's rubric.
pub fn rubric_field_static(stage: Stage) -> &'static str {
    match stage {
        Stage::Presentation => "rubric_presentation",
        Stage::FieldVerification => "rubric_field_verification",
        _ => "rubric_desk_evaluation",
    }
}

pub fn rubric_field(stage: Stage) -> String {
    rubric_field_static(stage).to_string()
}

/// The form field names of each stage's start and end, in `Stage::ALL` order.
const STAGE_FIELDS: [[&str; 2]; 9] = [
    ["registration_starts", "registration_ends"],
    ["submission_starts", "submission_ends"],
    [
        "administrative_selection_starts",
        "administrative_selection_ends",
    ],
    ["desk_evaluation_starts", "desk_evaluation_ends"],
    ["shortlist_starts", "shortlist_ends"],
    ["objection_starts", "objection_ends"],
    ["presentation_starts", "presentation_ends"],
    ["field_verification_starts", "field_verification_ends"],
    ["results_starts", "results_ends"],
];

/// The form field for a stage's start (or, with `end`, its end).
pub fn stage_field_static(stage: Stage, end: bool) -> &'static str {
    let index = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    STAGE_FIELDS[index][usize::from(end)]
}

pub fn stage_field_name(stage: Stage, end: bool) -> String {
    stage_field_static(stage, end).to_string()
}

fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// A `datetime-local` value, read as Western Indonesia Time (WIB).
pub fn parse_local(input: &str) -> Result<DateTime<Utc>, Key> {
    let input = input.trim();
    NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .and_then(|naive| wib().from_local_datetime(&naive).single())
        .map(|at| at.with_timezone(&Utc))
        .ok_or(Key::SetupErrorDateInvalid)
}

/// The `datetime-local` value for an instant, in WIB.
pub fn format_local(at: DateTime<Utc>) -> String {
    at.with_timezone(&wib())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_lower_case_words() {
        assert_eq!(Slug::parse(" KIPP-2028 ").unwrap().as_str(), "kipp-2028");
        assert_eq!(Slug::parse(""), Err(Key::SetupErrorSlugRequired));
        for bad in ["ab", "-kipp", "kipp-", "ki--pp", "kipp 2028", "kípp"] {
            assert_eq!(Slug::parse(bad), Err(Key::SetupErrorSlugInvalid), "{bad}");
        }
    }

    #[test]
    fn options_are_read_one_per_line_in_two_languages() {
        let options =
            parse_options("Kesehatan | Health\n\n  Perizinan  \nLayanan digital|Digital services")
                .unwrap();
        assert_eq!(options.len(), 3);
        assert_eq!(options[0].en, "Health");
        assert_eq!(options[1].en, "Perizinan");
        assert_eq!(
            format_options(&options),
            "Kesehatan | Health\nPerizinan\nLayanan digital | Digital services"
        );
        assert_eq!(parse_options("A\na"), Err(Key::SetupErrorOptionDuplicate));
        assert_eq!(
            parse_options(" | Health"),
            Err(Key::SetupErrorOptionInvalid)
        );
        let many = (0..31)
            .map(|i| format!("K{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_options(&many), Err(Key::SetupErrorOptionTooMany));
    }

    #[test]
    fn eligible_kinds_round_trip_through_their_codes() {
        let kinds = Eligibility::kinds_from_codes("regency, agency_unit,club");
        assert_eq!(
            kinds,
            vec![OrganizationKind::Regency, OrganizationKind::AgencyUnit]
        );
        assert_eq!(Eligibility::kinds_to_codes(&kinds), "regency,agency_unit");
        assert_eq!(
            parse_count(" 12 ", 0..=120, Key::SetupErrorMonths),
            Ok(Some(12))
        );
        assert_eq!(parse_count("", 0..=120, Key::SetupErrorMonths), Ok(None));
        assert_eq!(
            parse_count("-1", 0..=120, Key::SetupErrorMonths),
            Err(Key::SetupErrorMonths)
        );
        assert_eq!(
            parse_count("dua", 0..=120, Key::SetupErrorMonths),
            Err(Key::SetupErrorMonths)
        );
    }

    #[test]
    fn rubric_lines_carry_weight_scale_and_descriptions() {
        let criteria = parse_criteria(
            "Kebaruan | Novelty | 40 | 1-10 | Seberapa baru | How new\nManfaat | Benefit | 60% | 0-100",
        )
        .unwrap();
        assert_eq!(criteria.len(), 2);
        assert_eq!((criteria[0].scale_min, criteria[0].scale_max), (1, 10));
        assert_eq!(criteria[1].weight, 60);
        assert_eq!(criteria[1].description_en, "");
        assert_eq!(
            parse_criteria(&format_criteria(&criteria)).unwrap(),
            criteria
        );
        assert_eq!(parse_criteria("").unwrap(), vec![]);
        for (bad, key) in [
            ("Kebaruan | Novelty | 40", Key::SetupErrorCriterionFormat),
            (
                "Kebaruan | Novelty | 0 | 1-10",
                Key::SetupErrorCriterionWeight,
            ),
            (
                "Kebaruan | Novelty | 100 | 10-1",
                Key::SetupErrorCriterionScale,
            ),
            (
                "Kebaruan | Novelty | 100 | satu",
                Key::SetupErrorCriterionScale,
            ),
            (
                "Kebaruan | Novelty | 90 | 1-10",
                Key::SetupErrorCriterionTotal,
            ),
            (
                "A | A | 50 | 1-5\na | a | 50 | 1-5",
                Key::SetupErrorCriterionDuplicate,
            ),
        ] {
            assert_eq!(parse_criteria(bad), Err(key), "{bad}");
        }
    }

    #[test]
    fn template_lines_carry_titles_and_word_limits() {
        let sections =
            parse_template("Latar belakang | Background | 500\nKebaruan | Novelty | 400").unwrap();
        assert_eq!(sections[1].word_limit, 400);
        assert_eq!(
            parse_template(&format_template(&sections)).unwrap(),
            sections
        );
        assert_eq!(parse_template(""), Err(Key::SetupErrorSectionsRequired));
        assert_eq!(
            parse_template("Latar | Background"),
            Err(Key::SetupErrorSectionFormat)
        );
        assert_eq!(
            parse_template("Latar | Background | 5"),
            Err(Key::SetupErrorSectionLimit)
        );
    }

    #[test]
    fn prizes_have_a_name_and_a_reward() {
        let prizes =
            parse_prizes("Juara 1 | First place | Rp 50.000.000\nFavorit | Sertifikat").unwrap();
        assert_eq!(prizes[1].name_en, "Favorit");
        assert_eq!(prizes[1].reward, "Sertifikat");
        assert_eq!(parse_prizes(&format_prizes(&prizes)).unwrap(), prizes);
        assert_eq!(parse_prizes("Juara 1"), Err(Key::SetupErrorPrizeFormat));
        assert_eq!(
            parse_prizes("Juara 1 | First |"),
            Err(Key::SetupErrorPrizeFormat)
        );
    }

    #[test]
    fn stage_fields_are_named_after_their_stage() {
        for stage in Stage::JUDGED {
            assert_eq!(rubric_field(stage), format!("rubric_{}", stage.code()));
        }
        for stage in Stage::ALL {
            assert_eq!(
                stage_field_static(stage, false),
                format!("{}_starts", stage.code())
            );
            assert_eq!(
                stage_field_static(stage, true),
                format!("{}_ends", stage.code())
            );
        }
    }

    #[test]
    fn form_dates_are_western_indonesia_time() {
        let at = parse_local("2027-01-31T23:59").unwrap();
        assert_eq!(at.to_rfc3339(), "2027-01-31T16:59:00+00:00");
        assert_eq!(format_local(at), "2027-01-31T23:59");
        assert_eq!(parse_local("31/01/2027"), Err(Key::SetupErrorDateInvalid));
    }
}
