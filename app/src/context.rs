//! Server-only. What every request carries into components and server functions: the database
//! and the language negotiated from the request. Provided by the server for each request.
use leptos::prelude::*;

use crate::i18n::{use_lang, Lang};

/// Provides the per-request context. Called by the server for page renders and
/// server-function calls alike, after the request's `Parts` are in context.
pub fn provide_request_context(db: sea_orm::DatabaseConnection) {
    provide_context(db);
    let lang = use_context::<http::request::Parts>()
        .map(|parts| {
            let header = |name| {
                parts
                    .headers
                    .get(name)
                    .and_then(|v: &http::HeaderValue| v.to_str().ok())
            };
            Lang::negotiate(
                header(http::header::COOKIE),
                header(http::header::ACCEPT_LANGUAGE),
            )
        })
        .unwrap_or_default();
    provide_context(lang);
}

pub struct RequestContext {
    pub db: sea_orm::DatabaseConnection,
    pub lang: Lang,
}

impl RequestContext {
    pub fn get() -> Result<Self, crate::error::AppError> {
        let db = use_context::<sea_orm::DatabaseConnection>().ok_or_else(|| {
            crate::error::AppError::internal("request context", "no database connection in context")
        })?;
        Ok(RequestContext {
            db,
            lang: use_lang(),
        })
    }
}
