//! A team's people: the team page, email invitations, joining by code, leaving or
//! being removed, and replacing the join code. Size limits hold under racing joiners.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

use super::queries::{
    lock_team, member_count, membership, registration_open, team_and_competition, title,
};
use super::{JoinCode, JoinView, MemberView, SupporterView, TeamView};
use crate::accounts::throttle;
use crate::accounts::{domain::Email, CurrentUser};
use crate::authz::service::{authorize, outside_teams};
use crate::authz::team::{leads, team_access, TeamAccess, TeamStanding};
use crate::authz::{Action, Role};
use crate::entities::{
    competition, competition_option, competition_role, organization, team, team_invite,
    team_member, team_supporter, user_account,
};
use crate::error::{is_unique_violation, AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::organizations::service::region_label;

/// At most this many invitations a team keeps open.
pub const MAX_OPEN_INVITES: u64 = 20;

/// The team page: members, and for the lead the code, invitations and supporters. Open
/// to members, to the team's mentors and partners, to organizers and admins.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    lang: Lang,
) -> Result<TeamView, AppError> {
    let access = team_access(db, by, team_id).await?.reader()?;
    let (user, team, competition) = (
        &access.user,
        access.team.clone(),
        access.competition.clone(),
    );
    let mut members: Vec<MemberView> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .order_by_asc(team_member::Column::JoinedAt)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(m, u)| MemberView {
            user_id: m.user_id,
            name: u.map(|u| u.name).unwrap_or_default(),
            is_lead: leads(&team, m.user_id),
        })
        .collect();
    // The lead first, then the others in the order they joined.
    members.sort_by_key(|m| !m.is_lead);
    let supporter_rows = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team.id))
        .order_by_asc(team_supporter::Column::RequestedAt)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    let is_member = access.standing.is_member();
    let is_lead = access.standing == TeamStanding::Lead;
    let supporters: Vec<SupporterView> = supporter_rows
        .iter()
        .map(|(s, u)| SupporterView {
            id: s.id,
            name: u.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
            role: s.role,
            status: s.status,
            offered: s.from_supporter,
        })
        .collect();
    let (invites, available_supporters) = if is_lead {
        let invites = team_invite::Entity::find()
            .filter(team_invite::Column::TeamId.eq(team.id))
            .order_by_asc(team_invite::Column::CreatedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|i| (i.email, i.accepted_at.is_some()))
            .collect();
        let asked: Vec<i32> = supporter_rows.iter().map(|(s, _)| s.user_id).collect();
        let roles: Vec<competition_role::Model> = competition_role::Entity::find()
            .filter(competition_role::Column::CompetitionId.eq(competition.id))
            .filter(competition_role::Column::Role.is_in([Role::Mentor, Role::Partner]))
            .all(db)
            .await?
            .into_iter()
            .filter(|r| !asked.contains(&r.user_id))
            .collect();
        let names: HashMap<i32, String> = user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(roles.iter().map(|r| r.user_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let available = roles
            .into_iter()
            .filter_map(|r| {
                names
                    .get(&r.user_id)
                    .map(|n| (r.user_id, n.clone(), r.role))
            })
            .collect();
        (invites, available)
    } else {
        (Vec::new(), Vec::new())
    };
    let challenge = crate::challenges::service::for_team(db, &team, &competition, is_lead).await?;
    let agency = organization::Entity::find_by_id(team.organization_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let option_name = |id: Option<i32>| async move {
        Ok::<_, AppError>(match id {
            Some(id) => competition_option::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|o| lang.pick(&o.name_id, &o.name_en).to_string()),
            None => None,
        })
    };
    Ok(TeamView {
        id: team.id,
        region: region_label(
            db,
            team.province_code.as_deref(),
            team.regency_code.as_deref(),
        )
        .await?,
        category: option_name(team.category_option_id).await?,
        group: option_name(team.group_option_id).await?,
        name: team.name,
        competition_title: title(&competition, lang),
        registration_open: registration_open(db, &competition).await?,
        registration_closes_at: competition.registration_closes_at,
        competition_slug: competition.slug,
        agency,
        members,
        team_min: competition.team_min,
        team_max: competition.team_max,
        viewer_id: user.id,
        is_lead,
        is_member,
        comments: access.standing.comments(),
        join_code: if is_lead { team.join_code } else { None },
        invites,
        supporters,
        available_supporters,
        challenge,
    })
}

/// The lead invites an address: the mail carries the team's join link. Inviting the same
/// address again sends the mail again.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn invite(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    email: &str,
    lang: Lang,
    base_url: &str,
) -> Result<(), AppError> {
    let TeamAccess {
        team,
        competition,
        user: lead,
        ..
    } = team_access(db, by, team_id).await?.lead()?;
    let mut errors = FieldErrors::new();
    errors.keep("invite_email", email);
    let email = errors.check("invite_email", Email::parse(email));
    if !registration_open(db, &competition).await? {
        errors.add("invite_email", Key::TeamsErrorClosed);
    } else if member_count(db, team.id).await? >= competition.team_max as u64 {
        errors.add("invite_email", Key::TeamsErrorFull);
    }
    let Some(email) = email.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let existing = team_invite::Entity::find()
        .filter(team_invite::Column::TeamId.eq(team.id))
        .filter(team_invite::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    if existing.is_none()
        && team_invite::Entity::find()
            .filter(team_invite::Column::TeamId.eq(team.id))
            .filter(team_invite::Column::AcceptedAt.is_null())
            .count(db)
            .await?
            >= MAX_OPEN_INVITES
    {
        return Err(AppError::field(
            "invite_email",
            Key::TeamsErrorTooManyInvites,
        ));
    }
    // Each invitation is a mail: limited per address invited and per sender.
    if !throttle::claim_invitation(db, email.as_str(), lead.id).await? {
        return Err(AppError::field("invite_email", Key::AccountsErrorTooMany));
    }
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let mail_lang = account
        .as_ref()
        .and_then(|a| Lang::parse(&a.lang))
        .unwrap_or(lang);
    let code = team.join_code.clone().unwrap_or_default();
    let link = format!("{base_url}/gabung?kode={code}");
    let txn = crate::db::begin_write(db).await?;
    if existing.is_none() {
        team_invite::ActiveModel {
            team_id: Set(team.id),
            email: Set(email.as_str().to_string()),
            invited_by: Set(Some(lead.id)),
            created_at: Set(Utc::now()),
            accepted_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    mail::enqueue(
        &txn,
        email.as_str(),
        mail_lang,
        Key::MailTeamInviteSubject,
        Key::MailTeamInviteBody,
        &[
            ("inviter", &lead.name),
            ("team", &team.name),
            ("competition", &title(&competition, mail_lang)),
            ("code", &code),
            ("link", &link),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn team_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> Result<(team::Model, competition::Model), AppError> {
    let code = JoinCode::parse(code).ok_or(AppError::NotFound)?;
    let team = team::Entity::find()
        .filter(team::Column::JoinCode.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    team_and_competition(db, team.id).await
}

/// Why `user` cannot join `team` now, if they cannot.
async fn join_blocker(
    db: &impl ConnectionTrait,
    team: &team::Model,
    competition: &competition::Model,
    user_id: i32,
) -> Result<Option<Key>, AppError> {
    let verified = user_account::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .is_some_and(|u| u.email_verified_at.is_some());
    if !verified {
        return Ok(Some(Key::ErrorUnverifiedText));
    }
    // A role given after a request or listing still keeps its holder out (`EnterTeams`).
    if !crate::authz::service::roles_in(db, user_id, competition.id)
        .await?
        .is_empty()
    {
        return Ok(Some(Key::SupportErrorHoldsRole));
    }
    if let Some(existing) = membership(db, competition.id, user_id).await? {
        return Ok(Some(if existing.team_id == team.id {
            Key::TeamsErrorAlreadyMember
        } else {
            Key::TeamsErrorAlreadyInTeam
        }));
    }
    if !registration_open(db, competition).await? {
        return Ok(Some(Key::TeamsErrorClosed));
    }
    if member_count(db, team.id).await? >= competition.team_max as u64 {
        return Ok(Some(Key::TeamsErrorFull));
    }
    Ok(None)
}

/// What the join page shows for a code; 404 for an unknown code.
pub async fn join_view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    code: &str,
    lang: Lang,
) -> Result<JoinView, AppError> {
    let (team, competition) = team_by_code(db, code).await?;
    let blocked = match by {
        Some(user) if outside_teams(db, user, competition.id).await?.is_some() => {
            Some(Key::SupportErrorHoldsRole.name().to_string())
        }
        Some(user) => join_blocker(db, &team, &competition, user.id)
            .await?
            .map(|key| key.name().to_string()),
        None => None,
    };
    Ok(JoinView {
        code: team.join_code.clone().unwrap_or_default(),
        members: member_count(db, team.id).await? as usize,
        team_max: competition.team_max,
        competition_title: title(&competition, lang),
        team_name: team.name,
        blocked,
        signed_in: by.is_some(),
    })
}

/// Joins the team whose code this is. Returns the team's id.
#[tracing::instrument(skip(db, by, code))]
pub async fn join(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    code: &str,
) -> Result<i32, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_by_code(db, code).await?;
    let competition_id = competition.id;
    authorize(db, by, Action::EnterTeams { competition_id }).await?;
    let txn = crate::db::begin_write(db).await?;
    if let Err(key) = add_member(&txn, &team, &competition, user.id, user.email.as_str()).await? {
        return Err(AppError::field("code", key));
    }
    txn.commit().await?;
    Ok(team.id)
}

/// Makes `user_id` a member of the team inside the caller's transaction, which this
/// starts with a write (the team's lock), so size checks and the insert cannot
/// interleave with another joiner. The inner error says why the person cannot join now;
/// the caller then drops the transaction. An open emailed invitation to `email` is
/// marked accepted.
pub async fn add_member(
    txn: &DatabaseTransaction,
    team: &team::Model,
    competition: &competition::Model,
    user_id: i32,
    email: &str,
) -> Result<Result<(), Key>, AppError> {
    lock_team(txn, team.id).await?;
    if let Some(key) = join_blocker(txn, team, competition, user_id).await? {
        return Ok(Err(key));
    }
    let now = Utc::now();
    let inserted = team_member::ActiveModel {
        team_id: Set(team.id),
        competition_id: Set(competition.id),
        user_id: Set(user_id),
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err) => return Ok(Err(Key::TeamsErrorAlreadyInTeam)),
        Err(err) => return Err(err.into()),
    }
    team_invite::Entity::update_many()
        .col_expr(team_invite::Column::AcceptedAt, Expr::value(now))
        .filter(team_invite::Column::TeamId.eq(team.id))
        .filter(team_invite::Column::Email.eq(email))
        .filter(team_invite::Column::AcceptedAt.is_null())
        .exec(txn)
        .await?;
    Ok(Ok(()))
}

/// A member leaves the team (`user_id` = themselves), or the lead removes a member. The
/// lead stays; the team's make-up is fixed once registration closes.
#[tracing::instrument(skip(db, by))]
pub async fn remove_member(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    let TeamAccess {
        user,
        team,
        competition,
        standing,
        ..
    } = team_access(db, by, team_id).await?;
    if !(standing == TeamStanding::Lead || user.id == user_id) {
        return Err(AppError::Forbidden);
    }
    if leads(&team, user_id) {
        return Err(AppError::field("members", Key::TeamsErrorLeadStays));
    }
    if !registration_open(db, &competition).await? {
        return Err(AppError::field("members", Key::TeamsErrorClosed));
    }
    let removed = team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The lead replaces the join code; links sent earlier stop working.
#[tracing::instrument(skip(db, by))]
pub async fn new_code(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(), AppError> {
    let team = team_access(db, by, team_id).await?.lead()?.team;
    let mut row: team::ActiveModel = team.into();
    row.join_code = Set(Some(JoinCode::generate().as_str().to_string()));
    row.update(db).await?;
    Ok(())
}
