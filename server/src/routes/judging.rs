//! `GET /kelola/{slug}/catatan-penilaian.csv` and `GET
//! /kelola/{slug}/penilaian/{stage}/hasil.csv`: the judging record and a stage's
//! standings for a spreadsheet (`?pemisah=titik-koma`: columns parted by `;`).
use app::dashboard::Separator;
use app::i18n::Lang;
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

fn lang_of(headers: &HeaderMap) -> Lang {
    let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    Lang::negotiate(
        cookies,
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn answer(result: Result<(String, String), app::error::AppError>) -> Response {
    match result {
        Ok((name, body)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}

pub async fn record(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    let user = super::current_user(&state, &headers).await;
    answer(
        app::judging::record::record_csv(
            &state.db,
            user.as_ref(),
            &slug,
            lang_of(&headers),
            Separator::parse(&query.pemisah),
        )
        .await,
    )
}

pub async fn standings(
    State(state): State<AppState>,
    Path((slug, stage)): Path<(String, String)>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    let user = super::current_user(&state, &headers).await;
    answer(
        app::judging::record::standings_csv(
            &state.db,
            user.as_ref(),
            &slug,
            &stage,
            lang_of(&headers),
            Separator::parse(&query.pemisah),
        )
        .await,
    )
}
