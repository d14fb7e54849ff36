//! Deciding permissions on a competition or an organization: the one place they are
//! decided (a team's standing is in `team`; roles are granted in `roles`).
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::{Action, Role};
use crate::accounts::CurrentUser;
use crate::entities::{affiliation, competition_role};
use crate::error::AppError;
use crate::organizations::AffiliationStatus;

pub async fn has_role(
    db: &DatabaseConnection,
    user_id: i32,
    competition_id: i32,
    role: Role,
) -> Result<bool, AppError> {
    let count = competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(user_id))
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .filter(competition_role::Column::Role.eq(role))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// The person's roles in a competition.
pub async fn roles_in(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
    competition_id: i32,
) -> Result<Vec<Role>, AppError> {
    Ok(competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(user_id))
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect())
}

/// The role in which a person supports a competition's teams, if they hold one: mentor
/// before partner. Only they are asked by a lead, or offer themselves, to support a team.
pub async fn supporter_role(
    db: &DatabaseConnection,
    user_id: i32,
    competition_id: i32,
) -> Result<Option<Role>, AppError> {
    let roles = roles_in(db, user_id, competition_id).await?;
    Ok([Role::Mentor, Role::Partner]
        .into_iter()
        .find(|role| roles.contains(role)))
}

/// Whether `user` may do `action`.
pub async fn can(
    db: &DatabaseConnection,
    user: &CurrentUser,
    action: Action,
) -> Result<bool, AppError> {
    if user.is_admin {
        return Ok(true);
    }
    match action {
        Action::ViewOutbox | Action::ManageOrganizations | Action::CreateCompetition => Ok(false),
        Action::ManageMembers { organization_id } => {
            let admin = affiliation::Entity::find()
                .filter(affiliation::Column::UserId.eq(user.id))
                .filter(affiliation::Column::OrganizationId.eq(organization_id))
                .filter(affiliation::Column::Status.eq(AffiliationStatus::Approved))
                .filter(affiliation::Column::IsAdmin.eq(true))
                .count(db)
                .await?;
            Ok(admin > 0)
        }
        Action::ViewRoles { competition_id }
        | Action::ManageInvitations { competition_id }
        | Action::EditCompetition { competition_id }
        | Action::ManageJudging { competition_id } => {
            has_role(db, user.id, competition_id, Role::Organizer).await
        }
        Action::Judge { competition_id } => {
            has_role(db, user.id, competition_id, Role::Juror).await
        }
        Action::PostChallenge { competition_id } => {
            let roles = competition_role::Entity::find()
                .filter(competition_role::Column::UserId.eq(user.id))
                .filter(competition_role::Column::CompetitionId.eq(competition_id))
                .filter(competition_role::Column::Role.is_in([
                    Role::Organizer,
                    Role::Mentor,
                    Role::Partner,
                ]))
                .count(db)
                .await?;
            Ok(roles > 0)
        }
        Action::ManageRole {
            competition_id,
            role,
        } => Ok(role != Role::Organizer
            && has_role(db, user.id, competition_id, Role::Organizer).await?),
        Action::EnterTeams { competition_id } => {
            Ok(roles_in(db, user.id, competition_id).await?.is_empty())
        }
    }
}

/// The role that keeps `user` out of a competition's teams ([`Action::EnterTeams`]), if
/// they hold one: what a page names instead of offering to register or join.
pub async fn outside_teams(
    db: &DatabaseConnection,
    user: &CurrentUser,
    competition_id: i32,
) -> Result<Option<Role>, AppError> {
    if can(db, user, Action::EnterTeams { competition_id }).await? {
        return Ok(None);
    }
    let roles = roles_in(db, user.id, competition_id).await?;
    Ok(Role::ALL.into_iter().find(|role| roles.contains(role)))
}

/// `Unauthorized` when signed out, `Forbidden` when not allowed.
pub async fn authorize(
    db: &DatabaseConnection,
    user: Option<&CurrentUser>,
    action: Action,
) -> Result<CurrentUser, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if can(db, user, action).await? {
        Ok(user.clone())
    } else {
        tracing::warn!(user = user.id, ?action, "forbidden");
        Err(AppError::Forbidden)
    }
}
