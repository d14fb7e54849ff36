//! What waits for a mentor's or partner's comments: the proposals of the teams they
//! support (accepted) whose parts were saved after their last comment on it, or that they
//! never commented on; each with its open threads. Read in a few queries.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::ProposalToComment;
use crate::accounts::CurrentUser;
use crate::entities::{
    competition, proposal, proposal_comment, proposal_text, team, team_supporter,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::teams::RequestStatus;

/// The reader's proposals to comment on, the most recently changed first.
pub async fn to_comment(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    lang: Lang,
) -> Result<Vec<ProposalToComment>, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let supports: HashMap<i32, team_supporter::Model> = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(user.id))
        .filter(team_supporter::Column::Status.eq(RequestStatus::Accepted))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.team_id, s))
        .collect();
    if supports.is_empty() {
        return Ok(Vec::new());
    }
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::TeamId.is_in(supports.keys().copied()))
        .all(db)
        .await?;
    let proposal_ids: Vec<i32> = proposals.iter().map(|p| p.id).collect();
    let mut changed: HashMap<i32, DateTime<Utc>> = HashMap::new();
    for text in proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.is_in(proposal_ids.clone()))
        .all(db)
        .await?
    {
        let at = changed.entry(text.proposal_id).or_insert(text.updated_at);
        *at = (*at).max(text.updated_at);
    }
    let mut commented: HashMap<i32, DateTime<Utc>> = HashMap::new();
    let mut open: HashMap<i32, usize> = HashMap::new();
    for comment in proposal_comment::Entity::find()
        .filter(proposal_comment::Column::ProposalId.is_in(proposal_ids))
        .all(db)
        .await?
    {
        if comment.author_id == user.id {
            let at = commented
                .entry(comment.proposal_id)
                .or_insert(comment.created_at);
            *at = (*at).max(comment.created_at);
        }
        if comment.parent_id.is_none() && comment.resolved_at.is_none() {
            *open.entry(comment.proposal_id).or_default() += 1;
        }
    }
    let teams: HashMap<i32, team::Model> = team::Entity::find()
        .filter(team::Column::Id.is_in(supports.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let titles: HashMap<i32, String> = competition::Entity::find()
        .filter(competition::Column::Id.is_in(teams.values().map(|t| t.competition_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, lang.pick(&c.title_id, &c.title_en).to_string()))
        .collect();
    let mut out: Vec<ProposalToComment> = proposals
        .into_iter()
        .filter_map(|p| {
            // Nothing written yet: nothing to read.
            let changed_at = *changed.get(&p.id)?;
            let commented_at = commented.get(&p.id).copied();
            if commented_at.is_some_and(|at| at >= changed_at) {
                return None;
            }
            let team = teams.get(&p.team_id)?;
            Some(ProposalToComment {
                team_id: team.id,
                team_name: team.name.clone(),
                competition_title: titles
                    .get(&team.competition_id)
                    .cloned()
                    .unwrap_or_default(),
                role: supports.get(&team.id)?.role,
                changed_at,
                commented_at,
                open_threads: open.get(&p.id).copied().unwrap_or(0),
            })
        })
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.changed_at));
    Ok(out)
}
