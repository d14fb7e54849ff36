//! Reading the judging record: the whole record, filtered by kind
//! (`/kelola/{slug}/catatan-penilaian`); `exports` takes it away.
use sea_orm::DatabaseConnection;

use super::audit;
use super::queries::managed;
use super::{RecordView, KINDS};
use crate::accounts::CurrentUser;
use crate::error::AppError;
use crate::i18n::Lang;

fn known_kind(kind: &str) -> Option<&str> {
    KINDS
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == kind)
}

/// `/kelola/{slug}/catatan-penilaian?jenis=…`.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    kind: &str,
    lang: Lang,
) -> Result<RecordView, AppError> {
    let (competition, _) = managed(db, by, slug).await?;
    let chosen = known_kind(kind);
    Ok(RecordView {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        chain: audit::verify(db, competition.id).await?,
        kinds: KINDS
            .iter()
            .map(|(code, key)| (code.to_string(), lang.text(*key).to_string()))
            .collect(),
        chosen: chosen.unwrap_or_default().to_string(),
        lines: audit::lines(db, competition.id, chosen, None).await?,
    })
}
