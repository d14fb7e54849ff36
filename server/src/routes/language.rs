//! `GET /bahasa/{code}?next=/path`: remembers the language in a cookie and goes back.
//! A plain link, so it works before (and without) JavaScript.
use app::i18n::{Lang, LANG_COOKIE};
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

/// Only paths on this site: an open redirect would let a link here send people anywhere.
fn local_path(next: Option<String>) -> String {
    next.filter(|n| {
        n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.contains(['\r', '\n'])
    })
    .unwrap_or_else(|| "/".to_string())
}

pub async fn switch(
    Path(code): Path<String>,
    Query(query): Query<Next>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let location = local_path(query.next);
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

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(local_path(Some("/kompetisi?x=1".into())), "/kompetisi?x=1");
        assert_eq!(local_path(Some("//evil.example".into())), "/");
        assert_eq!(local_path(Some("https://evil.example".into())), "/");
        assert_eq!(local_path(Some("/\\evil".into())), "/");
        assert_eq!(local_path(None), "/");
    }
}
