//! Plain HTTP routes outside the Leptos pages.
pub mod attachments;
pub mod dashboard;
pub mod health;
pub mod judging;
pub mod language;
pub mod oauth;
pub mod sign_up;

use app::accounts::{session::SESSION_COOKIE, CurrentUser};
use app::cookies::cookie_value;
use axum::http::{header, HeaderMap};

use crate::AppState;

/// The signed-in person of a plain route's request, from the session cookie.
pub(crate) async fn current_user(state: &AppState, headers: &HeaderMap) -> Option<CurrentUser> {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| cookie_value(c, SESSION_COOKIE))
        .filter(|t| !t.is_empty())?
        .to_string();
    app::accounts::service::user_for_session(&state.db, &token)
        .await
        .ok()
        .flatten()
}
