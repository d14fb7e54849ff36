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

/// What was wrong with a submitted form: messages per field (locale key names) and the
/// values the user typed (never passwords), so a form shown again loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub errors: BTreeMap<String, Vec<String>>,
    pub values: BTreeMap<String, String>,
    /// Data shown after a field's messages (names the message refers to).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub details: BTreeMap<String, String>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, message: Key) {
        self.errors
            .entry(field.to_string())
            .or_default()
            .push(message.name().to_string());
    }

    /// Remembers what the user typed in `field`, to fill the form in again.
    pub fn keep(&mut self, field: &str, value: &str) {
        self.values.insert(field.to_string(), value.to_string());
    }

    /// Records the outcome of parsing one field; the parsed value when it was valid.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, Key>) -> Option<T> {
        parsed.map_err(|message| self.add(field, message)).ok()
    }

    pub fn messages(&self, field: &str) -> Vec<Key> {
        self.errors
            .get(field)
            .into_iter()
            .flatten()
            .filter_map(|name| Key::from_name(name))
            .collect()
    }

    /// Adds data the field's message refers to (already in the user's words: names).
    pub fn explain(&mut self, field: &str, detail: &str) {
        self.details.insert(field.to_string(), detail.to_string());
    }

    pub fn detail(&self, field: &str) -> Option<String> {
        self.details.get(field).cloned()
    }

    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Adds another form's messages and typed values (one page, several forms).
    pub fn merge(&mut self, other: &FieldErrors) {
        for (field, names) in &other.errors {
            self.errors
                .entry(field.clone())
                .or_default()
                .extend(names.iter().cloned());
        }
        for (field, value) in &other.values {
            self.values.insert(field.clone(), value.clone());
        }
    }

    /// `Err(Validation)` if any field had a problem.
    pub fn finish(self) -> Result<(), AppError> {
        if self.has_errors() {
            Err(AppError::Validation(self))
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// The step waits until the person's email address is verified (403).
    #[error("email address not verified")]
    Unverified,
    #[error("not found")]
    NotFound,
    #[error("stale or conflicting change")]
    Conflict,
    /// The competition's results are frozen: nothing that decides them changes any more (409).
    #[error("results frozen")]
    Frozen,
    #[error("invalid input: {0:?}")]
    Validation(FieldErrors),
    /// The request itself was malformed (missing or mistyped arguments, a body of the
    /// wrong kind): the client's fault, answered with 400.
    #[error("malformed request")]
    BadRequest,
    /// Details are logged where the error happens, never sent to the browser.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Unverified => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict | AppError::Frozen => StatusCode::CONFLICT,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Title and explanation shown on the error page.
    pub fn message_keys(&self) -> (Key, Key) {
        match self {
            AppError::Unauthorized => (Key::ErrorUnauthorizedTitle, Key::ErrorUnauthorizedText),
            AppError::Forbidden => (Key::ErrorForbiddenTitle, Key::ErrorForbiddenText),
            AppError::Unverified => (Key::ErrorUnverifiedTitle, Key::ErrorUnverifiedText),
            AppError::NotFound => (Key::ErrorNotFoundTitle, Key::ErrorNotFoundText),
            AppError::Conflict => (Key::ErrorConflictTitle, Key::ErrorConflictText),
            AppError::Frozen => (Key::ErrorFrozenTitle, Key::ErrorFrozenText),
            AppError::Validation(_) => (Key::ErrorValidationTitle, Key::ErrorValidationText),
            AppError::BadRequest => (Key::ErrorBadRequestTitle, Key::ErrorBadRequestText),
            AppError::Internal => (Key::ErrorInternalTitle, Key::ErrorInternalText),
        }
    }

    /// One message at one field.
    pub fn field(field: &str, message: Key) -> Self {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        AppError::Validation(errors)
    }

    /// The form errors, if this is a validation error.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(errors) => Some(errors),
            _ => None,
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

    /// Errors raised before a server function's body runs. Arguments that are missing,
    /// mistyped or sent in the wrong encoding are the client's fault (400, logged quietly);
    /// the rest are ours.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                #[cfg(feature = "ssr")]
                tracing::info!(error = %value, "malformed server function request");
                AppError::BadRequest
            }
            _ => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %value, "server function failed before reaching a service");
                AppError::Internal
            }
        }
    }
}

/// For plain axum routes (downloads, CSV): the status the error names, nothing more (the
/// pages, not these routes, explain errors in words).
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        self.status_code().into_response()
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    /// A unique index refusing a write means another request wrote the same row first
    /// (two clicks, two tabs): a conflict the person can retry, not a failure.
    fn from(err: sea_orm::DbErr) -> Self {
        if is_unique_violation(&err) {
            tracing::info!(error = %err, "unique index refused a racing write");
            return AppError::Conflict;
        }
        AppError::internal("database error", err)
    }
}

/// Whether a write failed because a unique index refused it.
#[cfg(feature = "ssr")]
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A write's result, with a foreign-key refusal (something still points at the row being
/// removed) said as `key` at `field`.
#[cfg(feature = "ssr")]
pub fn still_referenced_or<T>(
    result: Result<T, sea_orm::DbErr>,
    field: &str,
    key: crate::i18n::Key,
) -> Result<T, AppError> {
    match result {
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))
            ) =>
        {
            Err(AppError::field(field, key))
        }
        other => Ok(other?),
    }
}

/// A write's result, with a unique-index violation said as `key` at `field` (the row
/// someone else wrote first between our check and our write), as a form can show it.
#[cfg(feature = "ssr")]
pub fn unique_or<T>(
    result: Result<T, sea_orm::DbErr>,
    field: &str,
    key: crate::i18n::Key,
) -> Result<T, AppError> {
    match result {
        Err(err) if is_unique_violation(&err) => Err(AppError::field(field, key)),
        other => Ok(other?),
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
        assert_eq!(AppError::BadRequest.status_code(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn malformed_arguments_are_the_clients_fault() {
        for err in [
            ServerFnErrorErr::Args("x".into()),
            ServerFnErrorErr::MissingArg("slug".into()),
            ServerFnErrorErr::Deserialization("x".into()),
        ] {
            assert_eq!(AppError::from_server_fn_error(err), AppError::BadRequest);
        }
        assert_eq!(
            AppError::from_server_fn_error(ServerFnErrorErr::Registration("x".into())),
            AppError::Internal
        );
    }

    #[test]
    fn field_errors_translate_back_to_keys() {
        let mut errors = FieldErrors::new();
        errors.add("email", Key::ErrorNotFoundTitle);
        errors.keep("email", "a@b.id");
        assert_eq!(errors.messages("email"), vec![Key::ErrorNotFoundTitle]);
        assert_eq!(errors.value("email"), "a@b.id");
        assert!(errors.messages("name").is_empty());
        assert!(matches!(errors.finish(), Err(AppError::Validation(_))));
        assert_eq!(FieldErrors::new().finish(), Ok(()));
    }

    #[test]
    fn internal_error_text_reveals_no_detail() {
        assert_eq!(AppError::Internal.to_string(), "internal error");
    }
}
