//! `GET /masuk/oauth` sends the browser to the provider; `GET /masuk/oauth/kembali`
//! finishes the sign-in and sets the session cookie. Plain redirects: no JavaScript needed.
use app::accounts::{oauth, session};
use app::i18n::Lang;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{AppendHeaders, IntoResponse, Response},
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

/// `?lanjut=/path`: where to return once signed in (kept with the state, checked as a
/// local path when stored and when used).
#[derive(Deserialize)]
pub struct Begin {
    lanjut: Option<String>,
}

pub async fn begin(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<Begin>,
) -> Response {
    let Some(settings) = &state.oauth else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE));
    let next = query.lanjut.unwrap_or_default();
    match oauth::begin(&state.db, settings, &state.site.public_url, lang, &next).await {
        Ok((url, binding)) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, url),
                (
                    header::SET_COOKIE,
                    oauth::state_cookie(&binding, state.site.secure_cookies()),
                ),
            ],
        )
            .into_response(),
        Err(_) => see_other(FAILED),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<Callback>,
) -> Response {
    let (Some(settings), Some(code), Some(oauth_state)) = (&state.oauth, query.code, query.state)
    else {
        return see_other(FAILED);
    };
    let binding = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|cookies| app::cookies::cookie_value(cookies, oauth::STATE_COOKIE));
    if !oauth::bound_to_browser(binding, &oauth_state) {
        tracing::warn!("OAuth callback in a browser that did not start the sign-in");
        return see_other(FAILED);
    }
    match oauth::finish(
        &state.db,
        settings,
        &state.site.public_url,
        &code,
        &oauth_state,
    )
    .await
    {
        Ok(signed_in) => {
            // The provider proved the address: an address on the admin list is promoted.
            if let Err(err) =
                app::authz::roles::promote_admins(&state.db, &state.site.admin_emails).await
            {
                tracing::warn!(error = %err, "promoting admins after OAuth sign-in");
            }
            let cookie = session::set_cookie(&signed_in.session, state.site.secure_cookies());
            (
                StatusCode::SEE_OTHER,
                [(
                    header::LOCATION,
                    app::site::paths::location(&signed_in.next),
                )],
                AppendHeaders([
                    (header::SET_COOKIE, cookie),
                    (
                        header::SET_COOKIE,
                        oauth::state_cookie("", state.site.secure_cookies()),
                    ),
                ]),
            )
                .into_response()
        }
        Err(err) => {
            tracing::warn!(error = %err, "OAuth sign-in failed");
            see_other(FAILED)
        }
    }
}
