//! `GET /kelola/{slug}/peserta.csv?…`: the organizer's filtered list of teams and
//! proposals as CSV, with the same filters as the page.
use app::dashboard::Filters;
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
    status: String,
    #[serde(default)]
    kategori: String,
    #[serde(default)]
    provinsi: String,
    #[serde(default)]
    cari: String,
    #[serde(default)]
    tandai: String,
    /// `titik-koma`: columns parted by `;` (spreadsheets set to Indonesian).
    #[serde(default)]
    pemisah: String,
}

pub async fn csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<CsvQuery>,
    headers: HeaderMap,
) -> Response {
    let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = Lang::negotiate(
        cookies,
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let user = super::current_user(&state, &headers).await;
    let filters = Filters {
        state: query.status,
        category: query.kategori,
        province: query.provinsi,
        search: query.cari,
        flagged: query.tandai,
    };
    let separator = app::dashboard::Separator::parse(&query.pemisah);
    match app::dashboard::service::csv(&state.db, user.as_ref(), &slug, filters, lang, separator)
        .await
    {
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
