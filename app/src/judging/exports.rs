//! Judging taken away to a spreadsheet: the record, a stage's standings, a stage's score
//! sheets, and the final ranking, each as CSV (UTF-8 with a byte-order mark, `,` or `;`
//! between columns; with `;` decimals take a comma, as an Indonesian spreadsheet reads
//! them; every field formula-safe through `dashboard::csv_field`) or as XLSX
//! (`rust_xlsxwriter`: text is always written as text, never as a formula; points as
//! numbers). Each export is one table, read through the page's own service, so it holds
//! what the page shows and is refused to whoever the page refuses.
use sea_orm::DatabaseConnection;

use super::{kind_label, points, TieRule};
use crate::accounts::CurrentUser;
use crate::dashboard::{csv_field, Separator};
use crate::error::AppError;
use crate::i18n::{wib_stamp, Key, Lang};

/// One cell: text, or a score in milli-points (empty when there is none).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Points(Option<i64>),
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

/// A table to take away.
pub struct Table {
    /// The file's name without its extension.
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// How to write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv(Separator),
    Xlsx,
}

/// A file ready to send.
pub struct Download {
    pub name: String,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

fn headers(lang: Lang, keys: &[Key]) -> Vec<String> {
    keys.iter().map(|k| lang.text(*k).to_string()).collect()
}

/// The table in the format asked for.
pub fn render(table: Table, format: Format) -> Result<Download, AppError> {
    match format {
        Format::Csv(separator) => Ok(Download {
            name: format!("{}.csv", table.file),
            content_type: "text/csv; charset=utf-8",
            body: csv(&table, separator).into_bytes(),
        }),
        Format::Xlsx => Ok(Download {
            name: format!("{}.xlsx", table.file),
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body: xlsx(&table).map_err(|e| AppError::internal("writing a spreadsheet", e))?,
        }),
    }
}

fn csv(table: &Table, separator: Separator) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |fields: Vec<String>| {
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(separator.as_str()),
        );
        out.push_str("\r\n");
    };
    line(table.header.clone());
    for row in &table.rows {
        line(
            row.iter()
                .map(|cell| match cell {
                    Cell::Text(text) => text.clone(),
                    Cell::Points(milli) => {
                        let text = milli.map(points).unwrap_or_default();
                        match separator {
                            Separator::Comma => text,
                            Separator::Semicolon => text.replace('.', ","),
                        }
                    }
                })
                .collect(),
        );
    }
    out
}

/// The most characters a spreadsheet cell holds.
const CELL_LIMIT: usize = 32_767;

/// Text cut to what a cell holds, marked with "…" when cut (the CSV keeps it whole).
fn fit(text: &str) -> String {
    if text.chars().count() <= CELL_LIMIT {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(CELL_LIMIT - 1).collect();
    cut.push('…');
    cut
}

fn xlsx(table: &Table) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let decimals = rust_xlsxwriter::Format::new().set_num_format("0.000");
    let sheet = workbook.add_worksheet();
    for (col, name) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                // Written as a string: a spreadsheet never runs it as a formula.
                Cell::Text(text) => {
                    sheet.write_string(r, col, fit(text))?;
                }
                Cell::Points(Some(milli)) => {
                    sheet.write_number_with_format(r, col, *milli as f64 / 1000.0, &decimals)?;
                }
                Cell::Points(None) => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// The whole judging record, oldest first.
pub async fn record(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let page = super::record::view(db, by, slug, "", lang).await?;
    Ok(Table {
        file: format!("catatan-penilaian-{slug}"),
        header: headers(
            lang,
            &[
                Key::JudgingSeqColumn,
                Key::JudgingWhen,
                Key::JudgingWho,
                Key::JudgingWhat,
                Key::JudgingSubjectColumn,
                Key::JudgingBefore,
                Key::JudgingAfter,
            ],
        ),
        rows: page
            .lines
            .into_iter()
            .rev()
            .map(|line| {
                vec![
                    line.seq.to_string().into(),
                    wib_stamp(line.at).into(),
                    line.by.into(),
                    kind_label(lang, &line.kind).into(),
                    line.subject.into(),
                    line.before.into(),
                    line.after.into(),
                ]
            })
            .collect(),
    })
}

/// A stage's standings.
pub async fn standings(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let page = super::standings::view(db, by, slug, stage, lang).await?;
    let yes_no = |b: bool| Cell::from(lang.text(if b { Key::JudgingYes } else { Key::JudgingNo }));
    Ok(Table {
        file: format!("hasil-{}-{slug}", page.stage.code()),
        header: headers(
            lang,
            &[
                Key::JudgingRank,
                Key::JudgingTeamName,
                Key::ProposalsTitleLabel,
                Key::JudgingSheetsCount,
                Key::JudgingRankRaw,
                Key::JudgingRankNormalised,
                Key::JudgingFallbackColumn,
                Key::JudgingSd,
                Key::JudgingRangeColumn,
                Key::JudgingDivergentColumn,
                Key::JudgingTieColumn,
            ],
        ),
        rows: page
            .rows
            .into_iter()
            .map(|r| {
                vec![
                    r.rank.to_string().into(),
                    r.team.into(),
                    r.title.into(),
                    format!("{} / {}", r.submitted, r.assigned).into(),
                    Cell::Points(r.raw_mean_milli),
                    Cell::Points(r.normalised_milli),
                    yes_no(r.fallback),
                    Cell::Points(r.sd_milli),
                    Cell::Points(r.range_milli),
                    yes_no(r.divergent),
                    r.tie
                        .map(|t| match t {
                            TieRule::Criterion(name) => {
                                lang.format(Key::JudgingTieByCriterion, &[("criterion", &name)])
                            }
                            TieRule::EarlierSubmission => {
                                lang.text(Key::JudgingTieByEarlier).to_string()
                            }
                            TieRule::ProposalId => lang.text(Key::JudgingTieByNumber).to_string(),
                        })
                        .unwrap_or_default()
                        .into(),
                ]
            })
            .collect(),
    })
}

/// Every score sheet of a stage: who, what, each criterion's score, the total, the state
/// and both comments.
pub async fn scores(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let page = super::standings::view(db, by, slug, stage, lang).await?;
    let teams: std::collections::HashMap<i32, (String, String)> = page
        .rows
        .iter()
        .map(|r| (r.proposal_id, (r.team.clone(), r.title.clone())))
        .collect();
    let mut header = headers(
        lang,
        &[
            Key::JudgingJuror,
            Key::JudgingTeamName,
            Key::ProposalsTitleLabel,
        ],
    );
    header.extend(page.settings.criteria.iter().map(|(_, name)| name.clone()));
    header.extend(headers(
        lang,
        &[
            Key::JudgingTotal,
            Key::JudgingSheetState,
            Key::JudgingCommentTeam,
            Key::JudgingCommentPanel,
        ],
    ));
    let rows = page
        .sheets
        .into_iter()
        .map(|s| {
            let (team, title) = teams.get(&s.proposal_id).cloned().unwrap_or_default();
            let mut row: Vec<Cell> = vec![s.juror.into(), team.into(), title.into()];
            row.extend(page.settings.criteria.iter().map(|(id, _)| {
                s.scores
                    .iter()
                    .find(|(c, _)| c == id)
                    .map(|(_, v)| Cell::Text(v.to_string()))
                    .unwrap_or(Cell::Text(String::new()))
            }));
            row.push(Cell::Points(s.total_milli));
            row.push(
                lang.text(match s.state {
                    super::SheetState::Draft => Key::JudgingSheetDraftState,
                    super::SheetState::Submitted => Key::JudgingSheetSubmittedState,
                })
                .into(),
            );
            row.push(s.comment_team.into());
            row.push(s.comment_panel.into());
            row
        })
        .collect();
    Ok(Table {
        file: format!("nilai-{}-{slug}", page.stage.code()),
        header,
        rows,
    })
}

/// The final ranking.
pub async fn final_ranking(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<Table, AppError> {
    let page = super::result_reads::final_view(db, by, slug, lang).await?;
    let weighted: Vec<crate::competitions::Stage> = page
        .weights
        .iter()
        .filter(|(_, w)| *w > 0)
        .map(|(s, _)| *s)
        .collect();
    let mut header = headers(
        lang,
        &[
            Key::JudgingRank,
            Key::JudgingTeamName,
            Key::ProposalsTitleLabel,
        ],
    );
    header.extend(weighted.iter().map(|s| lang.text(s.label()).to_string()));
    header.extend(headers(lang, &[Key::ResultsFinalScore, Key::ResultsAward]));
    let rows = page
        .rows
        .into_iter()
        .map(|r| {
            let mut row: Vec<Cell> = vec![r.rank.to_string().into(), r.team.into(), r.title.into()];
            row.extend(weighted.iter().map(|s| {
                Cell::Points(
                    r.scores
                        .iter()
                        .find(|(st, _)| st == s)
                        .and_then(|(_, v)| *v),
                )
            }));
            row.push(Cell::Points(r.total_milli));
            row.push(
                r.award
                    .map(|(k, p)| k.title(lang, p))
                    .unwrap_or_default()
                    .into(),
            );
            row
        })
        .collect();
    Ok(Table {
        file: format!("hasil-akhir-{slug}"),
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            file: "uji".into(),
            header: vec!["Tim".into(), "Nilai".into()],
            rows: vec![vec!["=HYPERLINK(\"x\")".into(), Cell::Points(Some(72_345))]],
        }
    }

    #[test]
    fn csv_defuses_formulas_and_writes_points_for_the_separator() {
        let comma = render(table(), Format::Csv(Separator::Comma)).unwrap();
        let text = String::from_utf8(comma.body).unwrap();
        assert_eq!(
            text,
            "\u{feff}Tim,Nilai\r\n\"'=HYPERLINK(\"\"x\"\")\",72.345\r\n"
        );
        assert_eq!(comma.name, "uji.csv");
        let semi = render(table(), Format::Csv(Separator::Semicolon)).unwrap();
        assert!(String::from_utf8(semi.body)
            .unwrap()
            .ends_with(";\"72,345\"\r\n"));
    }

    #[test]
    fn a_cell_too_long_for_a_spreadsheet_is_cut_and_marked() {
        let long = "a".repeat(CELL_LIMIT + 10);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), CELL_LIMIT);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("pendek"), "pendek");
        let mut t = table();
        t.rows[0][0] = Cell::Text(long);
        assert!(render(t, Format::Xlsx).is_ok());
    }

    #[test]
    fn xlsx_is_an_office_zip() {
        let file = render(table(), Format::Xlsx).unwrap();
        assert_eq!(file.name, "uji.xlsx");
        assert_eq!(&file.body[..2], b"PK");
        assert_eq!(
            file.content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
    }
}
