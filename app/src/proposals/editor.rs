//! The proposal editor's data: what members edit and mentors, partners and organizers
//! read.
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::drafts::editable;
use super::queries::{parts, proposal_of, template, texts};
use super::{parse_sdgs, word_count, AttachmentView, PartView, ProposalEditor, ProposalStatus};
use crate::accounts::CurrentUser;
use crate::authz::team::{team_access, TeamStanding};
use crate::competitions::Stage;
use crate::entities::attachment;
use crate::error::AppError;
use crate::i18n::Lang;

/// The editor's data. Members edit; mentors, partners and organizers read.
pub async fn editor(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    lang: Lang,
) -> Result<ProposalEditor, AppError> {
    let ctx = team_access(db, by, team_id).await?.reader()?;
    let sections = template(db, ctx.competition.id).await?;
    let row = proposal_of(db, team_id).await?;
    let stored = texts(db, row.as_ref().map(|p| p.id)).await?;
    let submission = ctx.phase.window(Stage::Submission);
    let judging = ctx.phase.judging_starts();
    let now = Utc::now();
    let parts = parts(&sections, lang)
        .into_iter()
        .map(|(part, label, kind, word_limit)| {
            let text = stored.get(&part);
            let body = text.map(|t| t.body.clone()).unwrap_or_default();
            PartView {
                words: word_count(&body),
                version: text.map(|t| t.version).unwrap_or(0),
                part,
                label,
                kind,
                word_limit,
                body,
            }
        })
        .collect();
    let attachments = match &row {
        Some(p) => attachment::Entity::find()
            .filter(attachment::Column::ProposalId.eq(p.id))
            .order_by_asc(attachment::Column::UploadedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|a| AttachmentView {
                id: a.id,
                file_name: a.file_name,
                content_type: a.content_type,
                size_bytes: a.size_bytes,
                sha256: a.sha256,
            })
            .collect(),
        None => Vec::new(),
    };
    let status = row.as_ref().map(|p| p.status).unwrap_or_default();
    let (comments, can_comment) = crate::mentoring::service::for_team(db, by, team_id).await?;
    let decision = match &row {
        Some(p) => crate::dashboard::service::standing_decision(db, p.id).await?,
        None => None,
    };
    Ok(ProposalEditor {
        decision,
        is_member: ctx.standing.is_member(),
        comments,
        can_comment,
        team_id,
        team_name: ctx.team.name.clone(),
        competition_slug: ctx.competition.slug.clone(),
        competition_title: lang
            .pick(&ctx.competition.title_id, &ctx.competition.title_en)
            .to_string(),
        editable: editable(ctx.standing, row.as_ref(), submission, now),
        is_lead: ctx.standing == TeamStanding::Lead,
        submission_open: submission.is_some_and(|(starts, ends)| starts <= now && now < ends),
        can_withdraw: ctx.standing == TeamStanding::Lead
            && status == ProposalStatus::Submitted
            && judging.is_none_or(|j| now < j),
        deadline: submission.map(|(_, ends)| ends),
        submitted_at: row.as_ref().and_then(|p| p.submitted_at),
        sdgs: row
            .as_ref()
            .map(|p| parse_sdgs(&p.sdgs))
            .unwrap_or_default(),
        started_on: row
            .as_ref()
            .and_then(|p| p.started_on.clone())
            .unwrap_or_default(),
        meta_version: row.as_ref().map(|p| p.meta_version).unwrap_or(0),
        status,
        parts,
        attachments,
    })
}
