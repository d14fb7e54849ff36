//! `GET /masuk/oauth` sends the browser to the provider; `GET /masuk/oauth/kembali`
//! finishes the sign-in and sets the session cookie. Plain redirects: no JavaScript needed.
use app::accounts::{oauth, session};
use app::i18n::Lang;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use crate::AppState;

fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

const FAILED: &str = "/masuk?oauth=gagal";

pub async fn begin(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(settings) = &state.oauth else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE));
    match oauth::begin(&state.db, settings, &state.site.public_url, lang).await {
        Ok(url) => see_other(&url),
        Err(_) => see_other(FAILED),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
}

pub async fn callback(State(state): State<AppState>, Query(query): Query<Callback>) -> Response {
    let (Some(settings), Some(code), Some(oauth_state)) = (&state.oauth, query.code, query.state)
    else {
        return see_other(FAILED);
    };
    match oauth::finish(
        &state.db,
        settings,
        &state.site.public_url,
        &code,
        &oauth_state,
    )
    .await
    {
        Ok(token) => {
            let cookie = session::set_cookie(&token, state.site.secure_cookies());
            (
                StatusCode::SEE_OTHER,
                [
                    (header::LOCATION, "/".to_string()),
                    (header::SET_COOKIE, cookie),
                ],
            )
                .into_response()
        }
        Err(err) => {
            tracing::warn!(error = %err, "OAuth sign-in failed");
            see_other(FAILED)
        }
    }
}
