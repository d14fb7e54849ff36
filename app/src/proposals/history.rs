//! The saved revisions of a part, and restoring one as a new version.
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::drafts::{editable, writable, write_part};
use super::queries::{parts, proposal_of, template};
use super::{word_count, PartHistory, RevisionView};
use crate::accounts::CurrentUser;
use crate::authz::team::team_access;
use crate::competitions::Stage;
use crate::entities::{proposal_revision, proposal_text, user_account};
use crate::error::AppError;
use crate::i18n::{Key, Lang};

/// The saved revisions of one part, newest first.
pub async fn history(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    part: &str,
    lang: Lang,
) -> Result<PartHistory, AppError> {
    let ctx = team_access(db, by, team_id).await?.reader()?;
    let sections = template(db, ctx.competition.id).await?;
    let label = parts(&sections, lang)
        .into_iter()
        .find(|(p, ..)| p == part)
        .map(|(_, label, ..)| label)
        .ok_or(AppError::NotFound)?;
    let row = proposal_of(db, team_id).await?;
    let submission = ctx.phase.window(Stage::Submission);
    let (revisions, current_version) = match &row {
        Some(p) => {
            let revisions = proposal_revision::Entity::find()
                .filter(proposal_revision::Column::ProposalId.eq(p.id))
                .filter(proposal_revision::Column::Part.eq(part))
                .order_by_desc(proposal_revision::Column::Version)
                .find_also_related(user_account::Entity)
                .all(db)
                .await?
                .into_iter()
                .map(|(r, u)| RevisionView {
                    id: r.id,
                    version: r.version,
                    saved_at: r.saved_at,
                    saved_by: u.map(|u| u.name),
                    words: word_count(&r.body),
                    body: r.body,
                })
                .collect();
            let current = proposal_text::Entity::find()
                .filter(proposal_text::Column::ProposalId.eq(p.id))
                .filter(proposal_text::Column::Part.eq(part))
                .one(db)
                .await?
                .map(|t| t.version)
                .unwrap_or(0);
            (revisions, current)
        }
        None => (Vec::new(), 0),
    };
    Ok(PartHistory {
        team_id,
        team_name: ctx.team.name.clone(),
        part: part.to_string(),
        label,
        current_version,
        editable: editable(ctx.standing, row.as_ref(), submission, Utc::now()),
        revisions,
    })
}

/// Restores an earlier revision of a part as a new version (the history keeps all).
/// `base` is the version the history page showed as current.
#[tracing::instrument(skip(db, by))]
pub async fn restore(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    revision_id: i32,
    base: i32,
) -> Result<String, AppError> {
    let (ctx, _) = writable(db, by, team_id).await?;
    let row = proposal_of(db, team_id).await?.ok_or(AppError::NotFound)?;
    let revision = proposal_revision::Entity::find_by_id(revision_id)
        .one(db)
        .await?
        .filter(|r| r.proposal_id == row.id)
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    if write_part(
        &txn,
        row.id,
        &revision.part,
        base,
        &revision.body,
        ctx.user.id,
    )
    .await?
    .is_none()
    {
        return Err(AppError::field("revisions", Key::ProposalsErrorStale));
    }
    txn.commit().await?;
    Ok(revision.part)
}
