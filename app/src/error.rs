//! The one error type. Services return it, server functions carry it to the browser,
//! and the error page turns it into a status code and a translated message.
use std::collections::BTreeMap;

use http::StatusCode;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

/// Field name → locale key names of the messages to show at that field.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("stale or conflicting change")]
    Conflict,
    #[error("invalid input: {0:?}")]
    Validation(FieldErrors),
    /// Details are logged where the error happens, never sent to the browser.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Title and explanation shown on the error page.
    pub fn message_keys(&self) -> (Key, Key) {
        match self {
            AppError::Unauthorized => (Key::ErrorUnauthorizedTitle, Key::ErrorUnauthorizedText),
            AppError::Forbidden => (Key::ErrorForbiddenTitle, Key::ErrorForbiddenText),
            AppError::NotFound => (Key::ErrorNotFoundTitle, Key::ErrorNotFoundText),
            AppError::Conflict => (Key::ErrorConflictTitle, Key::ErrorConflictText),
            AppError::Validation(_) => (Key::ErrorValidationTitle, Key::ErrorValidationText),
            AppError::Internal => (Key::ErrorInternalTitle, Key::ErrorInternalText),
        }
    }

    /// Logs what went wrong and returns the opaque error the user sees.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "{context}");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function failed before reaching a service");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::internal("database error", err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_maps_to_its_status() {
        assert_eq!(AppError::NotFound.status_code(), StatusCode::NOT_FOUND);
        assert_eq!(
            AppError::Internal.status_code(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            AppError::Validation(FieldErrors::new()).status_code(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(AppError::Forbidden.status_code(), StatusCode::FORBIDDEN);
    }

    #[test]
    fn internal_error_text_reveals_no_detail() {
        assert_eq!(AppError::Internal.to_string(), "internal error");
    }
}
