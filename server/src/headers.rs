//! Security headers on every response. Pages (HTML) get their Content-Security-Policy with
//! the nonce chosen here for the request (`app::PageNonce`, which the page's scripts carry:
//! `app::content_security_policy`); everything else (server functions, assets, plain
//! routes) gets a policy that allows nothing. Nothing may frame
//! the site; under https browsers are told to stay on https; a page for a signed-in person
//! is never stored by a cache.
use app::accounts::session::SESSION_COOKIE;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

use crate::AppState;

const NOTHING: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
const HSTS: &str = "max-age=31536000; includeSubDomains";

fn signed_in(request: &Request) -> bool {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|cookies| {
            cookies.split(';').any(|c| {
                c.trim()
                    .strip_prefix(SESSION_COOKIE)
                    .is_some_and(|rest| rest.len() > 1 && rest.starts_with('='))
            })
        })
}

pub async fn security_headers(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let private = signed_in(&request);
    // Chosen before the page renders, so the policy does not depend on the render.
    let nonce = app::PageNonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if page {
        HeaderValue::from_str(&app::content_security_policy(&nonce.0))
            .unwrap_or(HeaderValue::from_static(NOTHING))
    } else {
        HeaderValue::from_static(NOTHING)
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if state.site.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    if private && (page || !headers.contains_key(header::CACHE_CONTROL)) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
