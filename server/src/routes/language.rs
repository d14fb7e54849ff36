//! `GET /bahasa/{code}?next=/path`: remembers the language in a cookie and goes back.
//! A plain link, so it works before (and without) JavaScript.
use app::i18n::{Lang, LANG_COOKIE};
use app::site::paths::location;
use axum::{
    extract::{Path, Query},
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn switch(
    Path(code): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let location = location(query.next.as_deref().unwrap_or("/"));
    let Some(lang) = Lang::parse(&code) else {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    };
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        == Some("https");
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        lang.code(),
        if https { "; Secure" } else { "" }
    );
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location), (header::SET_COOKIE, cookie)],
    )
        .into_response()
}
