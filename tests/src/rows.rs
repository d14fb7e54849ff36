//! The set-up forms' lists as their pages post them: each row's cells as
//! `{map}[{list}_{row}_{column}]` with the row's stored id. Tests write a row as a line of
//! cells separated by `|`, in the columns' order.
pub use app::competitions::setup::rows::{
    CRITERION_COLUMNS, OPTION_COLUMNS, PRIZE_COLUMNS, SECTION_COLUMNS,
};

/// `lines`: (the stored id the row edits, if any; its cells).
pub fn rows(
    map: &str,
    list: &str,
    columns: &[&str],
    lines: &[(Option<i32>, &str)],
) -> Vec<(String, String)> {
    // The page posts how many rows it showed.
    let mut out = vec![(format!("{map}[{list}_rows]"), lines.len().to_string())];
    for (row, (id, line)) in lines.iter().enumerate() {
        if let Some(id) = id {
            out.push((format!("{map}[{list}_{row}_id]"), id.to_string()));
        }
        for (column, value) in columns.iter().zip(line.split('|')) {
            out.push((
                format!("{map}[{list}_{row}_{column}]"),
                value.trim().to_string(),
            ));
        }
    }
    out
}

fn new_rows(text: &str) -> Vec<(Option<i32>, &str)> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| (None, l))
        .collect()
}

/// New categories or groups (`list`), one `Indonesian | English` per line.
pub fn options(list: &str, text: &str) -> Vec<(String, String)> {
    rows("options", list, &OPTION_COLUMNS, &new_rows(text))
}

/// A judged stage's new criteria (`list` as `rubric_desk_evaluation`), one
/// `name | English | weight | lowest | highest | description | English description` per line.
pub fn criteria(list: &str, text: &str) -> Vec<(String, String)> {
    rows("rubric", list, &CRITERION_COLUMNS, &new_rows(text))
}

/// New prizes, one `name | English | reward` per line.
pub fn prizes(text: &str) -> Vec<(String, String)> {
    rows("prizes", "prizes", &PRIZE_COLUMNS, &new_rows(text))
}
