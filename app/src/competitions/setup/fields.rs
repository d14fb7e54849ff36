//! The set-up forms' single fields: a count, required text, the competition's address
//! (`Slug`); the field names of each stage's dates and each judged stage's rubric; and
//! dates as the forms show them, in Western Indonesia Time (WIB).
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::competitions::Stage;
use crate::i18n::Key;

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

    /// The address a title suggests: "KIPP Daerah 2028!" is `kipp-daerah-2028` (letters
    /// and digits kept, everything else one hyphen, at most 77 characters: room for a
    /// `-2` … `-20` when it is taken).
    pub fn from_title(title: &str) -> String {
        let mut slug = String::new();
        for c in title.trim().to_lowercase().chars() {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.truncate(77);
        slug.trim_end_matches('-').to_string()
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
    fn a_title_suggests_its_address() {
        assert_eq!(Slug::from_title("KIPP Daerah 2028!"), "kipp-daerah-2028");
        assert_eq!(
            Slug::from_title("  Hackathon — Data Publik  "),
            "hackathon-data-publik"
        );
        assert!(Slug::parse(&Slug::from_title(&"Inovasi ".repeat(20))).is_ok());
        assert_eq!(Slug::from_title("!!!"), "");
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
