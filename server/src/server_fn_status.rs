//! Server functions answer every error with 500 (that is `server_fn`'s default); this
//! layer gives each the status its `AppError` names: 400 for a malformed request, 401,
//! 403, 404, 409, 422, and 500 only for what really failed on our side. Form posts from a
//! browser are redirected back to the form by leptos and pass through untouched.
use app::error::AppError;
use axum::{body::Body, extract::Request, http::StatusCode, middleware::Next, response::Response};

/// The header `server_fn` puts on an error response.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An encoded `AppError` is small; anything longer is not one.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn status_from_error(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status_code();
    }
    Response::from_parts(parts, Body::from(bytes))
}
