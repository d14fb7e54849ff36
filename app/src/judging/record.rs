//! Reading the judging record and taking it away: the whole record, filtered by kind
//! (`/kelola/{slug}/catatan-penilaian`), and CSV exports of the record and of a stage's
//! standings (`catatan-penilaian.csv`, `penilaian/{stage}/hasil.csv`) for a spreadsheet: UTF-8 with a
//! byte-order mark, `,` or `;` between columns (with `;`, decimals take a comma, as an
//! Indonesian spreadsheet reads them), every field formula-safe (`dashboard::csv_field`).
use sea_orm::DatabaseConnection;

use super::audit;
use super::queries::managed;
use super::{kind_label, points, RecordView, TieRule, KINDS};
use crate::accounts::CurrentUser;
use crate::dashboard::{csv_field, Separator};
use crate::error::AppError;
use crate::i18n::{wib_stamp, Key, Lang};

fn known_kind(kind: &str) -> Option<&str> {
    KINDS
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == kind)
}

/// `/kelola/{slug}/catatan-penilaian?jenis=…`.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    kind: &str,
    lang: Lang,
) -> Result<RecordView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let chosen = known_kind(kind);
    Ok(RecordView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        chain: audit::verify(db, competition.id).await?,
        kinds: KINDS
            .iter()
            .map(|(code, key)| (code.to_string(), lang.text(*key).to_string()))
            .collect(),
        chosen: chosen.unwrap_or_default().to_string(),
        lines: audit::lines(db, competition.id, chosen, None).await?,
    })
}

fn csv(rows: Vec<Vec<String>>, separator: Separator) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(separator.as_str()),
        );
        out.push_str("\r\n");
    }
    out
}

/// Points for a spreadsheet: `72.345`, or `72,345` beside `;`.
fn sheet_points(milli: Option<i64>, separator: Separator) -> String {
    let text = milli.map(points).unwrap_or_default();
    match separator {
        Separator::Comma => text,
        Separator::Semicolon => text.replace('.', ","),
    }
}

/// The record as CSV: (file name, body).
pub async fn record_csv(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
    separator: Separator,
) -> Result<(String, String), AppError> {
    let page = view(db, by, slug, "", lang).await?;
    let mut rows = vec![[
        Key::JudgingSeqColumn,
        Key::JudgingWhen,
        Key::JudgingWho,
        Key::JudgingWhat,
        Key::JudgingSubjectColumn,
        Key::JudgingBefore,
        Key::JudgingAfter,
    ]
    .iter()
    .map(|k| lang.text(*k).to_string())
    .collect::<Vec<_>>()];
    for line in page.lines.into_iter().rev() {
        rows.push(vec![
            line.seq.to_string(),
            wib_stamp(line.at),
            line.by,
            kind_label(lang, &line.kind),
            line.subject,
            line.before,
            line.after,
        ]);
    }
    Ok((
        format!("catatan-penilaian-{slug}.csv"),
        csv(rows, separator),
    ))
}

/// A stage's standings as CSV: (file name, body).
pub async fn standings_csv(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    stage: &str,
    lang: Lang,
    separator: Separator,
) -> Result<(String, String), AppError> {
    let page = super::standings::view(db, by, slug, stage, lang).await?;
    let mut rows = vec![[
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
    ]
    .iter()
    .map(|k| lang.text(*k).to_string())
    .collect::<Vec<_>>()];
    let yes_no = |b: bool| lang.text(if b { Key::JudgingYes } else { Key::JudgingNo });
    for r in page.rows {
        rows.push(vec![
            r.rank.to_string(),
            r.team,
            r.title,
            format!("{} / {}", r.submitted, r.assigned),
            sheet_points(r.raw_mean_milli, separator),
            sheet_points(r.normalised_milli, separator),
            yes_no(r.fallback).to_string(),
            sheet_points(r.sd_milli, separator),
            sheet_points(r.range_milli, separator),
            yes_no(r.divergent).to_string(),
            r.tie
                .map(|t| match t {
                    TieRule::Criterion(name) => {
                        lang.format(Key::JudgingTieByCriterion, &[("criterion", &name)])
                    }
                    TieRule::EarlierSubmission => lang.text(Key::JudgingTieByEarlier).to_string(),
                    TieRule::ProposalId => lang.text(Key::JudgingTieByNumber).to_string(),
                })
                .unwrap_or_default(),
        ]);
    }
    Ok((
        format!("hasil-{}-{slug}.csv", page.stage.code()),
        csv(rows, separator),
    ))
}
