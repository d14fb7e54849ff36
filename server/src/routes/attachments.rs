//! Proposal attachments over plain HTTP (a multipart form works without JavaScript):
//! `POST /tim/{team}/proposal/lampiran` streams the file into storage,
//! `GET …/lampiran/{id}` streams it back, `POST …/lampiran/{id}/hapus` removes it.
use app::error::AppError;
use app::proposals::attachments::{self, MAX_BYTES};
use app::proposals::ATTACHMENT_FIELD;
use app::site::notice::Notice;
use axum::{
    body::Body,
    extract::{Multipart, Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use futures::TryStreamExt;

use super::current_user;
use crate::AppState;

/// The request body may be a little larger than the file (the multipart framing).
pub const BODY_LIMIT: usize = MAX_BYTES as usize + 64 * 1024;

fn see_other(location: String) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// Back to the editor, with the message for the attachment field when it failed.
fn back(team: i32, result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => see_other(Notice::ProposalAttached.at(&format!("/tim/{team}/proposal#lampiran"))),
        Err(error @ (AppError::Unauthorized | AppError::Forbidden | AppError::NotFound)) => {
            error.into_response()
        }
        Err(error) => {
            let key = error
                .field_errors()
                .and_then(|e| {
                    e.messages(ATTACHMENT_FIELD)
                        .into_iter()
                        .chain(e.messages("proposal"))
                        .next()
                })
                .map(|k| k.name())
                .unwrap_or("ErrorInternalText");
            see_other(format!(
                "/tim/{team}/proposal?lampiran_galat={key}#lampiran"
            ))
        }
    }
}

pub async fn upload(
    State(state): State<AppState>,
    Path(team): Path<i32>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let user = current_user(&state, &headers).await;
    let result = async {
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| AppError::internal("multipart", e))?
        {
            if field.name() != Some("file") {
                continue;
            }
            let name = field.file_name().unwrap_or("").to_string();
            // A browser sends the field with no name and no content when no file was chosen.
            if name.is_empty() {
                break;
            }
            let stream = field.map_err(|e| e.body_text());
            attachments::upload(
                &state.db,
                &state.uploads,
                user.as_ref(),
                team,
                &name,
                Box::pin(stream),
            )
            .await?;
            return Ok(());
        }
        Err(AppError::field(
            ATTACHMENT_FIELD,
            app::i18n::Key::ProposalsErrorNoFile,
        ))
    }
    .await;
    back(team, result)
}

pub async fn download(
    State(state): State<AppState>,
    Path((team, attachment)): Path<(i32, i32)>,
    headers: HeaderMap,
) -> Response {
    let user = current_user(&state, &headers).await;
    match attachments::download(&state.db, &state.uploads, user.as_ref(), team, attachment).await {
        Ok((row, result)) => {
            let body = Body::from_stream(result.into_stream());
            let disposition = format!(
                "attachment; filename=\"{}\"; filename*=UTF-8''{}",
                row.file_name
                    .replace(|c: char| !c.is_ascii() || c == '"', "_"),
                app::site::paths::encode_query_value(&row.file_name)
            );
            (
                [
                    (header::CONTENT_TYPE, row.content_type),
                    (header::CONTENT_LENGTH, row.size_bytes.to_string()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                body,
            )
                .into_response()
        }
        Err(error) => error.into_response(),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    Path((team, attachment)): Path<(i32, i32)>,
    headers: HeaderMap,
) -> Response {
    let user = current_user(&state, &headers).await;
    let result =
        attachments::remove(&state.db, &state.uploads, user.as_ref(), team, attachment).await;
    match result {
        Ok(()) => see_other(
            Notice::ProposalAttachmentRemoved.at(&format!("/tim/{team}/proposal#lampiran")),
        ),
        Err(error) => back(team, Err(error)),
    }
}
