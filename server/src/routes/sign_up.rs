//! `POST /daftar`: the sign-up form. It signs up through the same service as the
//! `sign_up` server function; a refusal is answered with the sign-up page itself (422,
//! never stored by a cache): the problems, what was typed and the password back in its
//! field, so nothing has to be typed again and the password never travels in a URL. A
//! success redirects to the page that says to open the mailed link. Same-origin checks
//! come from the router's middleware, as for every POST.
use app::accounts::api::{register, SignUpFields, CHECK_EMAIL_PATH};
use app::accounts::pages::SignUpRetry;
use app::context::provide_request_context;
use app::error::AppError;
use app::site::paths::location;
use axum::{
    body::Body,
    extract::{rejection::FormRejection, Request, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Form,
};
use leptos::prelude::provide_context;
use leptos::reactive::{computed::ScopedFuture, owner::Owner};

use crate::AppState;

pub async fn submit(
    State(state): State<AppState>,
    parts: Parts,
    form: Result<Form<SignUpFields>, FormRejection>,
) -> Response {
    let Ok(Form(fields)) = form else {
        return AppError::BadRequest.into_response();
    };
    match sign_up(&state, parts.clone(), fields.clone()).await {
        Ok(()) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, location(CHECK_EMAIL_PATH))],
        )
            .into_response(),
        Err(error) => form_again(state, parts, fields, error).await,
    }
}

/// Runs the sign-up with the request context a server function would have.
async fn sign_up(state: &AppState, parts: Parts, fields: SignUpFields) -> Result<(), AppError> {
    let (db, site) = (state.db.clone(), state.site.clone());
    let owner = Owner::new();
    owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                provide_context(leptos_axum::ResponseOptions::default());
                provide_request_context(db, site);
                register(fields).await
            })
        })
        .await
}

/// The sign-up page rendered for this POST with the refusal, the values and the password.
async fn form_again(
    state: AppState,
    parts: Parts,
    fields: SignUpFields,
    error: AppError,
) -> Response {
    let status = error.status_code();
    let retry = SignUpRetry {
        error,
        password: fields.password,
        next: fields.next,
    };
    let (db, site) = (state.db.clone(), state.site.clone());
    let context = move || {
        provide_request_context(db.clone(), site.clone());
        provide_context(retry.clone());
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
