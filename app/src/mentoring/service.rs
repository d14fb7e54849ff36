//! Comments on proposals: who may write and resolve them, and who is told.
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{CommentView, COMMENT_MAX};
use crate::accounts::CurrentUser;
use crate::authz::team::team_access;
use crate::entities::{proposal_comment, team_member, team_supporter, user_account};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::proposals::drafts::proposal_for_writing;
use crate::proposals::queries::{known_part, proposal_of, template};
use crate::teams::RequestStatus;

/// The comments on a team's proposal, threads in order with their replies, and whether
/// the reader may comment.
pub async fn for_team(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(Vec<CommentView>, bool), AppError> {
    let ctx = team_access(db, by, team_id).await?.reader()?;
    // Members and accepted mentors and partners comment; organizers read only.
    let can = ctx.standing.comments();
    let Some(proposal) = proposal_of(db, team_id).await? else {
        return Ok((Vec::new(), can));
    };
    let supporters: Vec<i32> = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.user_id)
        .collect();
    let rows = proposal_comment::Entity::find()
        .filter(proposal_comment::Column::ProposalId.eq(proposal.id))
        .order_by_asc(proposal_comment::Column::CreatedAt)
        .order_by_asc(proposal_comment::Column::Id)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    let view = |c: &proposal_comment::Model, author: &Option<user_account::Model>| CommentView {
        id: c.id,
        part: c.part.clone(),
        author: author.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
        by_supporter: supporters.contains(&c.author_id),
        body: c.body.clone(),
        created_at: c.created_at,
        resolved: c.resolved_at.is_some(),
        replies: Vec::new(),
    };
    let mut threads: Vec<CommentView> = rows
        .iter()
        .filter(|(c, _)| c.parent_id.is_none())
        .map(|(c, a)| view(c, a))
        .collect();
    for (c, a) in rows.iter().filter(|(c, _)| c.parent_id.is_some()) {
        if let Some(thread) = threads.iter_mut().find(|t| Some(t.id) == c.parent_id) {
            thread.replies.push(view(c, a));
        }
    }
    Ok((threads, can))
}

/// Adds a comment on a part (or a reply to a thread) and tells the others concerned.
#[tracing::instrument(skip(db, by, body, base_url))]
pub async fn add(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    part: &str,
    parent: Option<i32>,
    body: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let ctx = team_access(db, by, team_id).await?.reader()?;
    if !ctx.standing.comments() {
        return Err(AppError::Forbidden);
    }
    let field = format!("comment-{part}");
    let body = body.trim();
    let mut errors = FieldErrors::new();
    errors.keep(&field, body);
    if body.is_empty() {
        errors.add(&field, Key::MentoringErrorEmpty);
    } else if body.chars().count() > COMMENT_MAX {
        errors.add(&field, Key::MentoringErrorTooLong);
    }
    errors.finish()?;
    let sections = template(db, ctx.competition.id).await?;
    if !known_part(part, &sections) {
        return Err(AppError::NotFound);
    }
    let proposal = proposal_for_writing(db, &ctx.team).await?;
    if let Some(parent) = parent {
        proposal_comment::Entity::find_by_id(parent)
            .one(db)
            .await?
            .filter(|t| t.proposal_id == proposal.id && t.parent_id.is_none() && t.part == part)
            .ok_or(AppError::NotFound)?;
    }
    let txn = crate::db::begin_write(db).await?;
    proposal_comment::ActiveModel {
        proposal_id: Set(proposal.id),
        part: Set(part.to_string()),
        parent_id: Set(parent),
        author_id: Set(ctx.user.id),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        resolved_at: Set(None),
        resolved_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Everyone of the team and its accepted supporters, but the writer.
    let mut people: Vec<i32> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    people.extend(
        team_supporter::Entity::find()
            .filter(team_supporter::Column::TeamId.eq(team_id))
            .filter(team_supporter::Column::Status.eq(RequestStatus::Accepted))
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| s.user_id),
    );
    people.retain(|id| *id != ctx.user.id);
    let link = format!("{base_url}/tim/{team_id}/proposal#comments-{part}");
    for person in user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(people))
        .all(&txn)
        .await?
    {
        let lang = Lang::parse(&person.lang).unwrap_or(Lang::Id);
        mail::enqueue(
            &txn,
            &person.email,
            lang,
            Key::MailCommentSubject,
            Key::MailCommentBody,
            &[
                ("name", &person.name),
                ("author", &ctx.user.name),
                ("team", &ctx.team.name),
                ("comment", body),
                ("link", &link),
            ],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Marks a thread resolved (or open again): the team's members, or the thread's writer.
#[tracing::instrument(skip(db, by))]
pub async fn resolve(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    comment_id: i32,
    resolved: bool,
) -> Result<String, AppError> {
    let ctx = team_access(db, by, team_id).await?.reader()?;
    let proposal = proposal_of(db, team_id).await?.ok_or(AppError::NotFound)?;
    let thread = proposal_comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .filter(|t| t.proposal_id == proposal.id && t.parent_id.is_none())
        .ok_or(AppError::NotFound)?;
    if !ctx.standing.is_member() && thread.author_id != ctx.user.id {
        return Err(AppError::Forbidden);
    }
    let part = thread.part.clone();
    let mut row: proposal_comment::ActiveModel = thread.into();
    if resolved {
        row.resolved_at = Set(Some(Utc::now()));
        row.resolved_by = Set(Some(ctx.user.id));
    } else {
        row.resolved_at = Set(None);
        row.resolved_by = Set(None);
    }
    row.update(db).await?;
    Ok(part)
}
