//! The set-up forms that edit a list as rows of fields: categories and groups, each judged
//! stage's rubric, prizes. Each row's cells are posted as `{list}_{row}_{column}` with the
//! row's stored id (hidden), its place (`order`) and a "remove" box; blank rows are new
//! rows left empty. Reading a list keeps everything typed (so a refused form comes back as
//! it was), drops blank and removed rows, puts the rest in the order asked for, and leaves
//! each problem at its own cell; the weights of a stage are checked to add up to 100.
use std::collections::{HashMap, HashSet};

use super::{Criterion, OptionName, PrizeLine, SectionLine};
use crate::error::FieldErrors;
use crate::i18n::Key;

/// Empty rows the form offers after the stored ones, to add to the list.
pub const BLANK_ROWS: usize = 2;
/// Rows of one list read at most from a submission.
pub const POSTED_MAX: usize = 60;
/// At most this many categories (or groups).
pub const MAX_OPTIONS: usize = 30;
/// At most this many criteria per stage, and prizes or partners per competition.
pub const MAX_CRITERIA: usize = 20;
pub const MAX_PRIZES: usize = 20;
pub const MAX_PARTNERS: usize = 30;
const NAME_MAX: usize = 120;
const DESCRIPTION_MAX: usize = 1000;
const REWARD_MAX: usize = 200;

pub const OPTION_COLUMNS: [&str; 2] = ["name_id", "name_en"];
pub const CRITERION_COLUMNS: [&str; 7] = [
    "name_id",
    "name_en",
    "weight",
    "scale_min",
    "scale_max",
    "description_id",
    "description_en",
];
pub const PRIZE_COLUMNS: [&str; 3] = ["name_id", "name_en", "reward"];
pub const SECTION_COLUMNS: [&str; 3] = ["title_id", "title_en", "word_limit"];
/// At most this many sections in a proposal template.
pub const MAX_SECTIONS: usize = 30;

/// The form field of one cell.
pub fn cell(list: &str, row: usize, column: &str) -> String {
    format!("{list}_{row}_{column}")
}

/// Where the form keeps how many rows it showed.
pub fn count_field(list: &str) -> String {
    format!("{list}_rows")
}

/// One posted row that is neither blank nor removed.
#[derive(Debug)]
pub struct Posted<'a> {
    pub row: usize,
    /// The stored row it edits, as the form said (checked against the stored ones).
    pub id: Option<i32>,
    order: i32,
    cells: HashMap<&'static str, &'a str>,
}

impl Posted<'_> {
    pub fn get(&self, column: &str) -> &str {
        self.cells.get(column).copied().unwrap_or("")
    }
}

/// Reads `list`'s rows from the posted `fields`, keeping every typed value in `errors`.
pub fn read<'a>(
    fields: &'a HashMap<String, String>,
    list: &str,
    columns: &[&'static str],
    errors: &mut FieldErrors,
) -> Vec<Posted<'a>> {
    // Every page that shows rows posts how many it showed; a submission without it comes
    // from a page of another release (or no page at all) and saves nothing.
    let Some(posted) = fields.get(&count_field(list)) else {
        errors.add(list, Key::SetupErrorRowsMissing);
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut shown = posted.trim().parse::<usize>().unwrap_or(0).min(POSTED_MAX);
    for row in 0..POSTED_MAX {
        let get = |column: &str| fields.get(&cell(list, row, column)).map(String::as_str);
        let all = columns.iter().copied().chain(["id", "order", "remove"]);
        if all.clone().all(|column| get(column).is_none()) {
            continue;
        }
        shown = shown.max(row + 1);
        for column in all {
            if let Some(value) = get(column) {
                errors.keep(&cell(list, row, column), value);
            }
        }
        if get("remove").is_some_and(|v| !v.is_empty()) {
            continue;
        }
        let cells: HashMap<&'static str, &str> = columns
            .iter()
            .map(|column| (*column, get(column).unwrap_or("").trim()))
            .collect();
        if cells.values().all(|v| v.is_empty()) {
            continue;
        }
        let place = (row + 1) as i32;
        let order = match get("order").map(str::trim).filter(|o| !o.is_empty()) {
            None => place,
            Some(order) => match order.parse::<i32>().ok().filter(|n| (1..=999).contains(n)) {
                Some(n) => n,
                None => {
                    errors.add(&cell(list, row, "order"), Key::SetupErrorRowOrder);
                    place
                }
            },
        };
        rows.push(Posted {
            row,
            id: get("id").and_then(|id| id.trim().parse().ok()),
            order,
            cells,
        });
    }
    errors.keep(&count_field(list), &shown.to_string());
    rows.sort_by_key(|r| (r.order, r.row));
    rows
}

/// A name in both languages (English empty: the Indonesian one), each at most 120.
fn names(list: &str, row: &Posted, errors: &mut FieldErrors) -> Option<(String, String)> {
    let (id, en) = (row.get("name_id"), row.get("name_en"));
    let field = cell(list, row.row, "name_id");
    if id.is_empty() {
        errors.add(&field, Key::SetupErrorRowName);
        return None;
    }
    if id.chars().count() > NAME_MAX {
        errors.add(&field, Key::SetupErrorRowNameLong);
        return None;
    }
    if en.chars().count() > NAME_MAX {
        errors.add(&cell(list, row.row, "name_en"), Key::SetupErrorRowNameLong);
        return None;
    }
    let en = if en.is_empty() { id } else { en };
    Some((id.to_string(), en.to_string()))
}

/// A second row with the same Indonesian name is refused at its name.
fn unique(list: &str, rows: &[Posted], errors: &mut FieldErrors, duplicate: Key) {
    let mut seen = HashSet::new();
    for row in rows {
        let name = row.get("name_id").to_lowercase();
        if !name.is_empty() && !seen.insert(name) {
            errors.add(&cell(list, row.row, "name_id"), duplicate);
        }
    }
}

/// The rows' stored ids, each kept once: a second row naming the same id is a new row.
fn ids(rows: &[Posted]) -> Vec<Option<i32>> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|r| r.id.filter(|id| seen.insert(*id)))
        .collect()
}

/// A list of categories (or groups): `None` when any row has a problem.
pub fn options(
    fields: &HashMap<String, String>,
    list: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<(Option<i32>, OptionName)>> {
    let before = errors.errors.len();
    let rows = read(fields, list, &OPTION_COLUMNS, errors);
    unique(list, &rows, errors, Key::SetupErrorOptionDuplicate);
    if rows.len() > MAX_OPTIONS {
        errors.add(list, Key::SetupErrorOptionTooMany);
    }
    let out: Vec<_> = rows
        .iter()
        .zip(ids(&rows))
        .filter_map(|(row, id)| {
            let (name_id, name_en) = names(list, row, errors)?;
            Some((
                id,
                OptionName {
                    id: name_id,
                    en: name_en,
                },
            ))
        })
        .collect();
    (errors.errors.len() == before).then_some(out)
}

/// A whole number in `range` at `field`, or the message there.
fn number(
    text: &str,
    range: std::ops::RangeInclusive<i32>,
    field: &str,
    message: Key,
    errors: &mut FieldErrors,
) -> Option<i32> {
    let parsed = text.trim_end_matches('%').trim().parse::<i32>().ok();
    let n = parsed.filter(|n| range.contains(n));
    if n.is_none() {
        errors.add(field, message);
    }
    n
}

/// One judged stage's rubric; its weights add up to 100 (an empty rubric is none).
pub fn criteria(
    fields: &HashMap<String, String>,
    list: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<(Option<i32>, Criterion)>> {
    let before = errors.errors.len();
    let rows = read(fields, list, &CRITERION_COLUMNS, errors);
    unique(list, &rows, errors, Key::SetupErrorCriterionDuplicate);
    if rows.len() > MAX_CRITERIA {
        errors.add(list, Key::SetupErrorCriterionTooMany);
    }
    let mut out = Vec::new();
    for (row, id) in rows.iter().zip(ids(&rows)) {
        let at = |column: &str| cell(list, row.row, column);
        let names = names(list, row, errors);
        let weight = number(
            row.get("weight"),
            1..=100,
            &at("weight"),
            Key::SetupErrorCriterionWeight,
            errors,
        );
        let low = number(
            row.get("scale_min"),
            0..=100,
            &at("scale_min"),
            Key::SetupErrorCriterionScale,
            errors,
        );
        let high = number(
            row.get("scale_max"),
            0..=100,
            &at("scale_max"),
            Key::SetupErrorCriterionScale,
            errors,
        );
        if let (Some(low), Some(high)) = (low, high) {
            if low >= high {
                errors.add(&at("scale_max"), Key::SetupErrorCriterionScaleOrder);
            }
        }
        for column in ["description_id", "description_en"] {
            if row.get(column).chars().count() > DESCRIPTION_MAX {
                errors.add(&at(column), Key::SetupErrorCriterionDescription);
            }
        }
        if let (Some((name_id, name_en)), Some(weight), Some(scale_min), Some(scale_max)) =
            (names, weight, low, high)
        {
            let description_id = row.get("description_id").to_string();
            let description_en = match row.get("description_en") {
                "" => description_id.clone(),
                en => en.to_string(),
            };
            out.push((
                id,
                Criterion {
                    name_id,
                    name_en,
                    weight,
                    scale_min,
                    scale_max,
                    description_id,
                    description_en,
                },
            ));
        }
    }
    if errors.errors.len() != before {
        return None;
    }
    let total: i32 = out.iter().map(|(_, c)| c.weight).sum();
    if !out.is_empty() && total != 100 {
        errors.add(list, Key::SetupErrorCriterionTotal);
        return None;
    }
    Some(out)
}

/// The prizes, each with its reward.
pub fn prizes(
    fields: &HashMap<String, String>,
    list: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<(Option<i32>, PrizeLine)>> {
    let before = errors.errors.len();
    let rows = read(fields, list, &PRIZE_COLUMNS, errors);
    if rows.len() > MAX_PRIZES {
        errors.add(list, Key::SetupErrorPrizeTooMany);
    }
    let mut out = Vec::new();
    for (row, id) in rows.iter().zip(ids(&rows)) {
        let names = names(list, row, errors);
        let reward = row.get("reward");
        if reward.is_empty() || reward.chars().count() > REWARD_MAX {
            errors.add(&cell(list, row.row, "reward"), Key::SetupErrorPrizeReward);
            continue;
        }
        if let Some((name_id, name_en)) = names {
            out.push((
                id,
                PrizeLine {
                    name_id,
                    name_en,
                    reward: reward.to_string(),
                },
            ));
        }
    }
    (errors.errors.len() == before).then_some(out)
}

/// What saving a list's rows over its stored rows does.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan<T> {
    /// (stored id, new position, new value)
    pub update: Vec<(i32, usize, T)>,
    /// (position, value)
    pub insert: Vec<(usize, T)>,
    pub remove: Vec<i32>,
}

/// `stored`: the list's ids now; `rows`: the form's rows in their new order, each with
/// the id it says it edits (an id not in `stored` is a new row).
pub fn plan<T: Clone>(stored: &[i32], rows: &[(Option<i32>, T)]) -> Plan<T> {
    let mut plan = Plan {
        update: Vec::new(),
        insert: Vec::new(),
        remove: Vec::new(),
    };
    for (position, (id, value)) in rows.iter().enumerate() {
        match id.filter(|id| stored.contains(id)) {
            Some(id) => plan.update.push((id, position, value.clone())),
            None => plan.insert.push((position, value.clone())),
        }
    }
    plan.remove = stored
        .iter()
        .copied()
        .filter(|id| !plan.update.iter().any(|(kept, ..)| kept == id))
        .collect();
    plan
}

/// The proposal template's sections: a title in both languages and a word limit; at
/// least one.
pub fn sections(
    fields: &HashMap<String, String>,
    list: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<(Option<i32>, SectionLine)>> {
    let before = errors.errors.len();
    let rows = read(fields, list, &SECTION_COLUMNS, errors);
    if errors.errors.len() == before && rows.is_empty() {
        errors.add(list, Key::SetupErrorSectionsRequired);
    }
    if rows.len() > MAX_SECTIONS {
        errors.add(list, Key::SetupErrorSectionsTooMany);
    }
    let mut out = Vec::new();
    for (row, id) in rows.iter().zip(ids(&rows)) {
        let at = |column: &str| cell(list, row.row, column);
        let (title_id, title_en) = (row.get("title_id"), row.get("title_en"));
        if title_id.is_empty() {
            errors.add(&at("title_id"), Key::SetupErrorSectionTitle);
        } else if title_id.chars().count() > NAME_MAX {
            errors.add(&at("title_id"), Key::SetupErrorRowNameLong);
        }
        if title_en.chars().count() > NAME_MAX {
            errors.add(&at("title_en"), Key::SetupErrorRowNameLong);
        }
        let limit = number(
            row.get("word_limit"),
            10..=5000,
            &at("word_limit"),
            Key::SetupErrorSectionLimit,
            errors,
        );
        if let Some(word_limit) = limit {
            out.push((
                id,
                SectionLine {
                    title_id: title_id.to_string(),
                    title_en: if title_en.is_empty() {
                        title_id
                    } else {
                        title_en
                    }
                    .to_string(),
                    word_limit,
                },
            ));
        }
    }
    (errors.errors.len() == before).then_some(out)
}

/// The form's values for stored rows: each row's id, place and cells, and the row count
/// (the stored rows and `BLANK_ROWS` empty ones).
pub fn stored_values(
    list: &str,
    rows: &[(i32, Vec<(&'static str, String)>)],
) -> Vec<(String, String)> {
    let mut out = vec![(count_field(list), (rows.len() + BLANK_ROWS).to_string())];
    for (row, (id, cells)) in rows.iter().enumerate() {
        out.push((cell(list, row, "id"), id.to_string()));
        out.push((cell(list, row, "order"), (row + 1).to_string()));
        out.extend(
            cells
                .iter()
                .map(|(column, value)| (cell(list, row, column), value.clone())),
        );
    }
    out
}

impl OptionName {
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        vec![("name_id", self.id.clone()), ("name_en", self.en.clone())]
    }
}

impl Criterion {
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name_id", self.name_id.clone()),
            ("name_en", self.name_en.clone()),
            ("weight", self.weight.to_string()),
            ("scale_min", self.scale_min.to_string()),
            ("scale_max", self.scale_max.to_string()),
            ("description_id", self.description_id.clone()),
            ("description_en", self.description_en.clone()),
        ]
    }
}

impl SectionLine {
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title_id", self.title_id.clone()),
            ("title_en", self.title_en.clone()),
            ("word_limit", self.word_limit.to_string()),
        ]
    }
}

impl PrizeLine {
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name_id", self.name_id.clone()),
            ("name_en", self.name_en.clone()),
            ("reward", self.reward.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(cells: &[(&str, &str)]) -> HashMap<String, String> {
        cells
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn rows_are_read_in_the_order_asked_for_and_blank_or_removed_ones_dropped() {
        let fields = form(&[
            ("categories_rows", "4"),
            ("categories_0_id", "7"),
            ("categories_0_order", "2"),
            ("categories_0_name_id", "Kesehatan"),
            ("categories_0_name_en", "Health"),
            ("categories_1_id", "8"),
            ("categories_1_order", "1"),
            ("categories_1_name_id", " Perizinan "),
            ("categories_1_name_en", ""),
            ("categories_2_id", "9"),
            ("categories_2_name_id", "Lama"),
            ("categories_2_remove", "on"),
            ("categories_3_name_id", ""),
            ("categories_3_name_en", ""),
        ]);
        let mut errors = FieldErrors::new();
        let options = options(&fields, "categories", &mut errors).unwrap();
        assert_eq!(
            options,
            vec![
                (
                    Some(8),
                    OptionName {
                        id: "Perizinan".into(),
                        en: "Perizinan".into()
                    }
                ),
                (
                    Some(7),
                    OptionName {
                        id: "Kesehatan".into(),
                        en: "Health".into()
                    }
                ),
            ]
        );
        assert_eq!(errors.value("categories_rows"), "4");
        assert_eq!(errors.value("categories_2_remove"), "on");
    }

    #[test]
    fn each_problem_stays_at_its_cell() {
        let fields = form(&[
            ("categories_rows", "3"),
            ("categories_0_name_id", "Desa"),
            ("categories_1_name_id", "desa"),
            ("categories_2_name_en", "Only English"),
            ("categories_2_order", "pertama"),
        ]);
        let mut errors = FieldErrors::new();
        assert!(options(&fields, "categories", &mut errors).is_none());
        assert_eq!(
            errors.messages("categories_1_name_id"),
            vec![Key::SetupErrorOptionDuplicate]
        );
        assert_eq!(
            errors.messages("categories_2_name_id"),
            vec![Key::SetupErrorRowName]
        );
        assert_eq!(
            errors.messages("categories_2_order"),
            vec![Key::SetupErrorRowOrder]
        );
        assert_eq!(errors.value("categories_2_name_en"), "Only English");
    }

    fn criterion(
        row: usize,
        name: &str,
        weight: &str,
        low: &str,
        high: &str,
    ) -> Vec<(String, String)> {
        let at = |c: &str| cell("rubric_presentation", row, c);
        vec![
            (at("name_id"), name.to_string()),
            (at("weight"), weight.to_string()),
            (at("scale_min"), low.to_string()),
            (at("scale_max"), high.to_string()),
        ]
    }

    #[test]
    fn a_rubric_needs_sound_weights_and_scales_adding_up_to_100() {
        let marker = || ("rubric_presentation_rows".to_string(), "2".to_string());
        let good: HashMap<String, String> = criterion(0, "Paparan", "60", "1", "10")
            .into_iter()
            .chain(criterion(1, "Tanya jawab", "40%", "0", "100"))
            .chain([marker()])
            .collect();
        let mut errors = FieldErrors::new();
        let rubric = criteria(&good, "rubric_presentation", &mut errors).unwrap();
        assert_eq!(rubric.len(), 2);
        assert_eq!(rubric[1].1.weight, 40);
        assert_eq!(rubric[0].1.name_en, "Paparan");

        let short: HashMap<String, String> = criterion(0, "Paparan", "60", "1", "10")
            .into_iter()
            .chain([marker()])
            .collect();
        let mut errors = FieldErrors::new();
        assert!(criteria(&short, "rubric_presentation", &mut errors).is_none());
        assert_eq!(
            errors.messages("rubric_presentation"),
            vec![Key::SetupErrorCriterionTotal]
        );

        let bad: HashMap<String, String> = criterion(0, "Paparan", "0", "10", "1")
            .into_iter()
            .chain(criterion(1, "Lain", "50", "x", "5"))
            .chain([marker()])
            .collect();
        let mut errors = FieldErrors::new();
        assert!(criteria(&bad, "rubric_presentation", &mut errors).is_none());
        assert_eq!(
            errors.messages("rubric_presentation_0_weight"),
            vec![Key::SetupErrorCriterionWeight]
        );
        assert_eq!(
            errors.messages("rubric_presentation_0_scale_max"),
            vec![Key::SetupErrorCriterionScaleOrder]
        );
        assert_eq!(
            errors.messages("rubric_presentation_1_scale_min"),
            vec![Key::SetupErrorCriterionScale]
        );

        let empty = HashMap::from([("rubric_presentation_rows".to_string(), "2".to_string())]);
        assert_eq!(
            criteria(&empty, "rubric_presentation", &mut FieldErrors::new()),
            Some(vec![]),
            "an empty rubric is none"
        );
        // A form from another release (no row count) saves nothing, rather than emptying
        // the list.
        let mut errors = FieldErrors::new();
        let old = HashMap::from([(
            "rubric_presentation".to_string(),
            "Paparan | Pitch | 100 | 1-10".to_string(),
        )]);
        assert_eq!(criteria(&old, "rubric_presentation", &mut errors), None);
        assert_eq!(
            errors.messages("rubric_presentation"),
            vec![Key::SetupErrorRowsMissing]
        );
    }

    #[test]
    fn a_prize_needs_a_reward_and_an_id_counts_once() {
        let fields = form(&[
            ("prizes_rows", "2"),
            ("prizes_0_id", "3"),
            ("prizes_0_name_id", "Juara 1"),
            ("prizes_0_reward", "Rp 50.000.000"),
            ("prizes_1_id", "3"),
            ("prizes_1_name_id", "Juara 2"),
            ("prizes_1_reward", "Rp 25.000.000"),
        ]);
        let mut errors = FieldErrors::new();
        let prizes_read = prizes(&fields, "prizes", &mut errors).unwrap();
        assert_eq!(prizes_read[0].0, Some(3));
        assert_eq!(prizes_read[1].0, None, "the same id twice is a new row");
        let fields = form(&[("prizes_rows", "2"), ("prizes_0_name_id", "Juara 1")]);
        let mut errors = FieldErrors::new();
        assert!(prizes(&fields, "prizes", &mut errors).is_none());
        assert_eq!(
            errors.messages("prizes_0_reward"),
            vec![Key::SetupErrorPrizeReward]
        );
    }

    #[test]
    fn stored_rows_fill_the_form_with_room_for_more() {
        let values = stored_values(
            "groups",
            &[(
                4,
                OptionName {
                    id: "Umum".into(),
                    en: "General".into(),
                }
                .cells(),
            )],
        );
        assert!(values.contains(&("groups_rows".into(), "3".into())));
        assert!(values.contains(&("groups_0_id".into(), "4".into())));
        assert!(values.contains(&("groups_0_order".into(), "1".into())));
        assert!(values.contains(&("groups_0_name_en".into(), "General".into())));
    }

    #[test]
    fn rows_keep_the_ids_they_carry_and_the_rest_add_or_remove() {
        let plan = plan(
            &[1, 2, 3],
            &[
                (Some(2), "Kota"),
                (None, "Baru"),
                (Some(1), "Desa"),
                (Some(99), "Asing"),
            ],
        );
        assert_eq!(plan.update, vec![(2, 0, "Kota"), (1, 2, "Desa")]);
        assert_eq!(
            plan.insert,
            vec![(1, "Baru"), (3, "Asing")],
            "another list's id is a new row"
        );
        assert_eq!(plan.remove, vec![3]);
    }

    #[test]
    fn a_template_needs_titles_and_word_limits_and_one_section() {
        let fields = form(&[
            ("template_rows", "3"),
            ("template_0_id", "5"),
            ("template_0_title_id", "Masalah"),
            ("template_0_word_limit", "300"),
            ("template_1_title_id", "Solusi"),
            ("template_1_title_en", "Solution"),
            ("template_1_word_limit", "5"),
        ]);
        let mut errors = FieldErrors::new();
        assert!(sections(&fields, "template", &mut errors).is_none());
        assert_eq!(
            errors.messages("template_1_word_limit"),
            vec![Key::SetupErrorSectionLimit]
        );
        let mut fields = fields;
        fields.insert("template_1_word_limit".into(), "600".into());
        let read = sections(&fields, "template", &mut FieldErrors::new()).unwrap();
        assert_eq!(read[0].0, Some(5));
        assert_eq!(read[0].1.title_en, "Masalah");
        assert_eq!(read[1].1.word_limit, 600);
        let empty = form(&[("template_rows", "2")]);
        let mut errors = FieldErrors::new();
        assert!(sections(&empty, "template", &mut errors).is_none());
        assert_eq!(
            errors.messages("template"),
            vec![Key::SetupErrorSectionsRequired]
        );
    }
}
