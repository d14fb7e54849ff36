//! Requests to join and invitations from a team: who may send which, the one open
//! request per pair, and the answer that makes the person a member (through
//! [`teams::members::add_member`], which holds the size limit).
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::{parse_note, RequestStatus};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::team::{access_to, team_access, TeamAccess, TeamStanding};
use crate::authz::Action;
use crate::competitions::CompetitionStatus;
use crate::entities::{competition, join_request, team, team_seeker, user_account};
use crate::error::{unique_or, AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::teams::members::add_member;
use crate::teams::queries::{
    member_count, membership, registration_open, team_and_competition, title,
};

fn forming_link(base_url: &str, competition: &competition::Model) -> String {
    format!("{base_url}/kompetisi/{}/cari-tim", competition.slug)
}

/// Why a request between this team and person cannot be made now, if it cannot.
async fn request_blocker(
    db: &DatabaseConnection,
    team: &team::Model,
    competition: &competition::Model,
    user_id: i32,
) -> Result<Option<Key>, AppError> {
    if !registration_open(db, competition).await? {
        return Ok(Some(Key::TeamsErrorClosed));
    }
    // Someone who took a role in the competition since listing themselves joins no team.
    if !crate::authz::service::roles_in(db, user_id, competition.id)
        .await?
        .is_empty()
    {
        return Ok(Some(Key::SupportErrorHoldsRole));
    }
    if membership(db, competition.id, user_id).await?.is_some() {
        return Ok(Some(Key::FormingErrorHasTeam));
    }
    if member_count(db, team.id).await? >= competition.team_max as u64 {
        return Ok(Some(Key::TeamsErrorFull));
    }
    Ok(None)
}

/// Stores a request and mails the side that answers it.
#[allow(clippy::too_many_arguments)]
async fn request(
    db: &DatabaseConnection,
    team: &team::Model,
    competition: &competition::Model,
    person: &user_account::Model,
    from_team: bool,
    message: String,
    recipient: &user_account::Model,
    base_url: &str,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let inserted = join_request::ActiveModel {
        competition_id: Set(competition.id),
        team_id: Set(team.id),
        user_id: Set(person.id),
        from_team: Set(from_team),
        message: Set(message.clone()),
        status: Set(RequestStatus::Requested),
        created_at: Set(Utc::now()),
        answered_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    unique_or(inserted, "request", Key::FormingErrorAlreadyAsked)?;
    let lang = Lang::parse(&recipient.lang).unwrap_or(Lang::Id);
    let (subject, body) = if from_team {
        (Key::FormingMailInviteSubject, Key::FormingMailInviteBody)
    } else {
        (Key::FormingMailAskSubject, Key::FormingMailAskBody)
    };
    let message = if message.is_empty() {
        "—".to_string()
    } else {
        message
    };
    mail::enqueue(
        &txn,
        &recipient.email,
        lang,
        subject,
        body,
        &[
            ("name", &recipient.name),
            ("person", &person.name),
            ("team", &team.name),
            ("competition", &title(competition, lang)),
            ("message", &message),
            ("link", &forming_link(base_url, competition)),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn account(db: &DatabaseConnection, id: i32) -> Result<user_account::Model, AppError> {
    user_account::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A person without a team asks a team to take them; the lead is mailed.
#[tracing::instrument(skip(db, by, message, base_url))]
pub async fn ask(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    message: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    if competition.status != CompetitionStatus::Published {
        return Err(AppError::NotFound);
    }
    let competition_id = competition.id;
    authorize(db, by, Action::EnterTeams { competition_id }).await?;
    let mut errors = FieldErrors::new();
    errors.keep("message", message);
    let note = errors.check("message", parse_note(message));
    if let Some(key) = request_blocker(db, &team, &competition, user.id).await? {
        errors.add("request", key);
    }
    let Some(note) = note.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let Some(lead) = team.lead_user_id else {
        return Err(AppError::field("request", Key::FormingErrorNoLead));
    };
    let lead = account(db, lead).await?;
    let person = account(db, user.id).await?;
    request(
        db,
        &team,
        &competition,
        &person,
        false,
        note,
        &lead,
        base_url,
    )
    .await
}

/// The lead asks a person on the list to join the team; the person is mailed.
#[tracing::instrument(skip(db, by, message, base_url))]
pub async fn invite(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    person_id: i32,
    message: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let TeamAccess {
        team, competition, ..
    } = team_access(db, by, team_id).await?.lead()?;
    let listed = team_seeker::Entity::find()
        .filter(team_seeker::Column::CompetitionId.eq(competition.id))
        .filter(team_seeker::Column::UserId.eq(person_id))
        .one(db)
        .await?
        .is_some();
    if !listed {
        return Err(AppError::field("request", Key::FormingErrorNotListed));
    }
    let mut errors = FieldErrors::new();
    errors.keep("message", message);
    let note = errors.check("message", parse_note(message));
    if let Some(key) = request_blocker(db, &team, &competition, person_id).await? {
        errors.add("request", key);
    }
    let Some(note) = note.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let person = account(db, person_id).await?;
    request(
        db,
        &team,
        &competition,
        &person,
        true,
        note,
        &person,
        base_url,
    )
    .await
}

/// The side a request is addressed to accepts or declines it; accepting makes the person
/// a member. The asking side is mailed either way. Returns the competition's slug.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn answer(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    request_id: i32,
    accept: bool,
    base_url: &str,
) -> Result<String, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let row = join_request::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let team = team::Entity::find_by_id(row.team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let TeamAccess {
        team,
        competition,
        standing,
        ..
    } = access_to(db, user, team).await?;
    // An invitation is the person's to answer; a request, the lead's.
    let addressed_to_me = if row.from_team {
        row.user_id == user.id
    } else {
        standing == TeamStanding::Lead
    };
    if !addressed_to_me {
        return Err(AppError::Forbidden);
    }
    if row.status != RequestStatus::Requested {
        return Err(AppError::field("request", Key::TeamsErrorAnswered));
    }
    let person = account(db, row.user_id).await?;
    // The side that asked: the lead for an invitation, the person for a request.
    let asker = match (row.from_team, team.lead_user_id) {
        (true, Some(lead)) => Some(account(db, lead).await?),
        (true, None) => None,
        (false, _) => Some(person.clone()),
    };
    if accept && !registration_open(db, &competition).await? {
        return Err(AppError::field("request", Key::TeamsErrorClosed));
    }
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    if accept {
        if let Err(key) = add_member(&txn, &team, &competition, person.id, &person.email).await? {
            // Said to whoever answers: the lead hears that the person has a team.
            let key = match key {
                Key::TeamsErrorAlreadyInTeam if person.id != user.id => Key::FormingErrorHasTeam,
                key => key,
            };
            return Err(AppError::field("request", key));
        }
    }
    let status = if accept {
        RequestStatus::Accepted
    } else {
        RequestStatus::Declined
    };
    let changed = join_request::Entity::update_many()
        .col_expr(join_request::Column::Status, Expr::value(status))
        .col_expr(join_request::Column::AnsweredAt, Expr::value(now))
        .filter(join_request::Column::Id.eq(row.id))
        .filter(join_request::Column::Status.eq(RequestStatus::Requested))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::field("request", Key::TeamsErrorAnswered));
    }
    if accept {
        // The person is in a team now: whatever else they asked or were asked is moot.
        join_request::Entity::update_many()
            .col_expr(
                join_request::Column::Status,
                Expr::value(RequestStatus::Closed),
            )
            .col_expr(join_request::Column::AnsweredAt, Expr::value(now))
            .filter(join_request::Column::CompetitionId.eq(competition.id))
            .filter(join_request::Column::UserId.eq(person.id))
            .filter(join_request::Column::Status.eq(RequestStatus::Requested))
            .exec(&txn)
            .await?;
    }
    if let Some(asker) = asker {
        let lang = Lang::parse(&asker.lang).unwrap_or(Lang::Id);
        let answered_by = if row.from_team {
            &person.name
        } else {
            &user.name
        };
        let link = if accept {
            format!("{base_url}/tim/{}", team.id)
        } else {
            forming_link(base_url, &competition)
        };
        mail::enqueue(
            &txn,
            &asker.email,
            lang,
            Key::FormingMailAnswerSubject,
            if accept {
                Key::FormingMailAcceptedBody
            } else {
                Key::FormingMailDeclinedBody
            },
            &[
                ("name", &asker.name),
                ("answered_by", answered_by),
                ("team", &team.name),
                ("competition", &title(&competition, lang)),
                ("link", &link),
            ],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(competition.slug)
}
