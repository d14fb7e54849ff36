//! Attachments: streamed into object storage (a local directory by default; any
//! `object_store` backend, such as a shared bucket, can replace it) while the SHA-256 and
//! size are counted, so memory does not grow with the file. The type is read from the
//! first bytes, never from the name: PDF, PNG or JPEG only.
use std::sync::Arc;

use bytes::Bytes;
use chrono::Utc;
use futures::{Stream, StreamExt};
use object_store::{path::Path, ObjectStore, WriteMultipart};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};

use crate::accounts::CurrentUser;
use crate::entities::attachment;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Key;

/// The largest file accepted.
pub const MAX_BYTES: u64 = 15 * 1024 * 1024;
/// At most this many files per proposal.
pub const MAX_FILES: u64 = 10;
use super::ATTACHMENT_FIELD as FIELD;

/// Where attachment bytes are kept; shared by every instance.
#[derive(Clone)]
pub struct Uploads(pub Arc<dyn ObjectStore>);

impl Uploads {
    /// A directory on this machine (created if missing).
    pub fn local(dir: &std::path::Path) -> Result<Uploads, AppError> {
        std::fs::create_dir_all(dir).map_err(|e| AppError::internal("uploads dir", e))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
            .map_err(|e| AppError::internal("uploads store", e))?;
        Ok(Uploads(Arc::new(store)))
    }
}

/// The type of a file from its first bytes.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Invisible characters that change how a name reads: bidirectional overrides and
/// isolates (U+202E turns "gpj.exe" into "exe.jpg" on screen), zero-width characters,
/// the byte-order mark, invisible operators and tags (Unicode's format category).
fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x061C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// The extensions a type may be offered under; the first is the one given.
fn extensions(content_type: &str) -> &'static [&'static str] {
    match content_type {
        "application/pdf" => &["pdf"],
        "image/png" => &["png"],
        "image/jpeg" => &["jpg", "jpeg"],
        _ => &["bin"],
    }
}

/// A file name as shown and offered for download: the last path part, without control,
/// format (bidi) characters or quotes, at most 200 characters, ending in the extension
/// of the type its content was found to be (a PDF named `surat.exe` is `surat.pdf`).
pub fn clean_name(name: &str, content_type: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_format_char(*c) && *c != '"')
        .take(190)
        .collect();
    let cleaned = cleaned.trim().trim_end_matches('.').trim();
    let allowed = extensions(content_type);
    let (stem, extension) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) => (stem.trim(), Some(ext)),
        _ => (cleaned, None),
    };
    let stem = if stem.is_empty() { "lampiran" } else { stem };
    match extension {
        Some(ext) if allowed.iter().any(|a| a.eq_ignore_ascii_case(ext)) => {
            format!("{stem}.{ext}")
        }
        // An unknown extension is part of the name; the right one follows.
        Some(ext) if !ext.chars().all(|c| c.is_ascii_alphanumeric()) || ext.len() > 5 => {
            format!("{stem}.{ext}.{}", allowed[0])
        }
        _ => format!("{stem}.{}", allowed[0]),
    }
}

fn refuse(key: Key) -> AppError {
    let mut errors = FieldErrors::new();
    errors.add(FIELD, key);
    AppError::Validation(errors)
}

/// Streams an upload into storage and records it. Members only, while the proposal is
/// editable. Nothing is kept of a refused file.
#[tracing::instrument(skip(db, uploads, by, body))]
pub async fn upload<S, E>(
    db: &DatabaseConnection,
    uploads: &Uploads,
    by: Option<&CurrentUser>,
    team_id: i32,
    file_name: &str,
    mut body: S,
) -> Result<attachment::Model, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let (proposal, user_id) = super::drafts::writable_proposal(db, by, team_id).await?;
    // Checked early to spare a useless upload, and again when the row is written.
    if file_count(db, proposal.id).await? >= MAX_FILES {
        return Err(refuse(Key::ProposalsErrorTooManyFiles));
    }
    let key = format!("proposals/{}/{}", proposal.id, uuid::Uuid::new_v4());
    let path = Path::from(key.clone());
    let store = uploads.0.clone();
    let multipart = store
        .put_multipart(&path)
        .await
        .map_err(|e| AppError::internal("upload start", e))?;
    let mut writer = WriteMultipart::new(multipart);
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let mut content_type: Option<&'static str> = None;
    let outcome: Result<(), AppError> = async {
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| AppError::internal("upload read", e))?;
            size += chunk.len() as u64;
            if size > MAX_BYTES {
                return Err(refuse(Key::ProposalsErrorFileTooLarge));
            }
            if content_type.is_none() {
                let wanted = 8 - head.len().min(8);
                head.extend_from_slice(&chunk[..chunk.len().min(wanted)]);
                if head.len() >= 8 {
                    content_type = Some(sniff(&head).ok_or(refuse(Key::ProposalsErrorFileType))?);
                }
            }
            hasher.update(&chunk);
            writer
                .wait_for_capacity(4)
                .await
                .map_err(|e| AppError::internal("upload write", e))?;
            writer.write(&chunk);
        }
        Ok(())
    }
    .await;
    // A short file: decide on what there is.
    let outcome = outcome.and_then(|()| {
        if size == 0 {
            return Err(refuse(Key::ProposalsErrorFileEmpty));
        }
        if content_type.is_none() {
            content_type = Some(sniff(&head).ok_or(refuse(Key::ProposalsErrorFileType))?);
        }
        Ok(())
    });
    if let Err(error) = outcome {
        let _ = writer.abort().await;
        return Err(error);
    }
    writer
        .finish()
        .await
        .map_err(|e| AppError::internal("upload finish", e))?;
    // The upload took a while: still a member, still before the deadline, still a draft?
    if let Err(error) = super::drafts::writable_proposal(db, by, team_id).await {
        let _ = store.delete(&path).await;
        return Err(error);
    }
    let content_type = content_type.unwrap_or("application/octet-stream");
    let row = attachment::ActiveModel {
        proposal_id: Set(proposal.id),
        file_name: Set(clean_name(file_name, content_type)),
        content_type: Set(content_type.to_string()),
        size_bytes: Set(size as i64),
        sha256: Set(format!("{:x}", hasher.finalize())),
        storage_key: Set(key),
        uploaded_at: Set(Utc::now()),
        uploaded_by: Set(Some(user_id)),
        ..Default::default()
    };
    match record_within_limit(db, proposal.id, row).await {
        Ok(row) => Ok(row),
        Err(err) => {
            let _ = store.delete(&path).await;
            Err(err)
        }
    }
}

async fn file_count(db: &impl ConnectionTrait, proposal_id: i32) -> Result<u64, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::ProposalId.eq(proposal_id))
        .count(db)
        .await?)
}

/// Writes the attachment's row unless the proposal already has [`MAX_FILES`]: the
/// proposal's row is locked first (a row lock on PostgreSQL; SQLite's write lock is
/// already held), so parallel uploads count one after another.
async fn record_within_limit(
    db: &DatabaseConnection,
    proposal_id: i32,
    row: attachment::ActiveModel,
) -> Result<attachment::Model, AppError> {
    use crate::entities::proposal;
    let txn = crate::db::begin_write(db).await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::Id, Expr::col(proposal::Column::Id))
        .filter(proposal::Column::Id.eq(proposal_id))
        .exec(&txn)
        .await?;
    if file_count(&txn, proposal_id).await? >= MAX_FILES {
        return Err(refuse(Key::ProposalsErrorTooManyFiles));
    }
    let row = row.insert(&txn).await?;
    txn.commit().await?;
    Ok(row)
}

async fn find(
    db: &DatabaseConnection,
    team_id: i32,
    attachment_id: i32,
) -> Result<attachment::Model, AppError> {
    let row = attachment::Entity::find_by_id(attachment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposal = crate::entities::proposal::Entity::find_by_id(row.proposal_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if proposal.team_id != team_id {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// An attachment's record and a stream of its bytes, for those who may read the proposal.
pub async fn download(
    db: &DatabaseConnection,
    uploads: &Uploads,
    by: Option<&CurrentUser>,
    team_id: i32,
    attachment_id: i32,
) -> Result<(attachment::Model, object_store::GetResult), AppError> {
    crate::authz::team::team_access(db, by, team_id)
        .await?
        .reader()?;
    let row = find(db, team_id, attachment_id).await?;
    let result = uploads
        .0
        .get(&Path::from(row.storage_key.clone()))
        .await
        .map_err(|e| AppError::internal("attachment read", e))?;
    Ok((row, result))
}

/// Removes an attachment, while the proposal is editable.
#[tracing::instrument(skip(db, uploads, by))]
pub async fn remove(
    db: &DatabaseConnection,
    uploads: &Uploads,
    by: Option<&CurrentUser>,
    team_id: i32,
    attachment_id: i32,
) -> Result<(), AppError> {
    super::drafts::writable_proposal(db, by, team_id).await?;
    let row = find(db, team_id, attachment_id).await?;
    attachment::Entity::delete_by_id(row.id).exec(db).await?;
    // The row is gone first: a leftover file is harmless, a row without its file is not.
    if let Err(e) = uploads.0.delete(&Path::from(row.storage_key)).await {
        tracing::warn!(error = %e, "attachment file not removed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"MZ\x90\x00 not a pdf"), None);
        assert_eq!(sniff(b"<html>%PDF-"), None);
    }

    #[test]
    fn names_lose_paths_and_quotes() {
        let pdf = "application/pdf";
        assert_eq!(
            clean_name("C:\\Users\\rina\\laporan \"akhir\".pdf", pdf),
            "laporan akhir.pdf"
        );
        assert_eq!(clean_name("../../etc/passwd", pdf), "passwd.pdf");
        assert_eq!(clean_name("", pdf), "lampiran.pdf");
        assert_eq!(clean_name(".pdf", pdf), "lampiran.pdf");
    }

    #[test]
    fn the_extension_follows_the_content_and_invisible_characters_go() {
        assert_eq!(clean_name("surat.exe", "application/pdf"), "surat.pdf");
        assert_eq!(clean_name("foto.JPEG", "image/jpeg"), "foto.JPEG");
        assert_eq!(clean_name("foto.png", "image/jpeg"), "foto.jpg");
        // U+202E would show "laporan\u{202e}fdp.exe" as "laporanexe.pdf".
        assert_eq!(
            clean_name("laporan\u{202e}fdp.exe", "image/png"),
            "laporanfdp.png"
        );
        assert_eq!(
            clean_name("a\u{200b}b\u{2066}c\u{feff}.pdf", "application/pdf"),
            "abc.pdf"
        );
        assert_eq!(
            clean_name("rapat 1.2.2027 final", "application/pdf"),
            "rapat 1.2.2027 final.pdf"
        );
        assert!(
            clean_name(&"x".repeat(500), "application/pdf")
                .chars()
                .count()
                <= 200
        );
    }
}
