//! Judging taken away to a spreadsheet (`app::judging::exports`), each as `.csv`
//! (`?pemisah=titik-koma`: columns parted by `;`) and `.xlsx`:
//! `/kelola/{slug}/catatan-penilaian` (the record), `/kelola/{slug}/penilaian/{stage}/hasil`
//! (a stage's standings), `/kelola/{slug}/penilaian/{stage}/nilai` (its score sheets) and
//! `/kelola/{slug}/hasil-akhir` (the final ranking).
use app::dashboard::Separator;
use app::i18n::Lang;
use app::judging::exports::{self, Format, Table};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::AppState;

#[derive(Deserialize, Default)]
pub struct CsvQuery {
    #[serde(default)]
    pemisah: String,
}

impl CsvQuery {
    fn csv(&self) -> Format {
        Format::Csv(Separator::parse(&self.pemisah))
    }
}

fn lang_of(headers: &HeaderMap) -> Lang {
    let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    Lang::negotiate(
        cookies,
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn answer(table: Result<Table, app::error::AppError>, format: Format) -> Response {
    match table.and_then(|t| exports::render(t, format)) {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, file.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file.name),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            file.body,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}

async fn record(state: &AppState, slug: &str, headers: &HeaderMap, format: Format) -> Response {
    let user = super::current_user(state, headers).await;
    let table = exports::record(&state.db, user.as_ref(), slug, lang_of(headers)).await;
    answer(table, format)
}

pub async fn record_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    record(&state, &slug, &headers, query.csv()).await
}

pub async fn record_xlsx(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    record(&state, &slug, &headers, Format::Xlsx).await
}

async fn standings(
    state: &AppState,
    (slug, stage): &(String, String),
    headers: &HeaderMap,
    format: Format,
) -> Response {
    let user = super::current_user(state, headers).await;
    let table = exports::standings(&state.db, user.as_ref(), slug, stage, lang_of(headers)).await;
    answer(table, format)
}

pub async fn standings_csv(
    State(state): State<AppState>,
    Path(path): Path<(String, String)>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    standings(&state, &path, &headers, query.csv()).await
}

pub async fn standings_xlsx(
    State(state): State<AppState>,
    Path(path): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    standings(&state, &path, &headers, Format::Xlsx).await
}

async fn scores(
    state: &AppState,
    (slug, stage): &(String, String),
    headers: &HeaderMap,
    format: Format,
) -> Response {
    let user = super::current_user(state, headers).await;
    let table = exports::scores(&state.db, user.as_ref(), slug, stage, lang_of(headers)).await;
    answer(table, format)
}

pub async fn scores_csv(
    State(state): State<AppState>,
    Path(path): Path<(String, String)>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    scores(&state, &path, &headers, query.csv()).await
}

pub async fn scores_xlsx(
    State(state): State<AppState>,
    Path(path): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    scores(&state, &path, &headers, Format::Xlsx).await
}

async fn final_ranking(
    state: &AppState,
    slug: &str,
    headers: &HeaderMap,
    format: Format,
) -> Response {
    let user = super::current_user(state, headers).await;
    let table = exports::final_ranking(&state.db, user.as_ref(), slug, lang_of(headers)).await;
    answer(table, format)
}

pub async fn final_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    final_ranking(&state, &slug, &headers, query.csv()).await
}

pub async fn final_xlsx(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    final_ranking(&state, &slug, &headers, Format::Xlsx).await
}
