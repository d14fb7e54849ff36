//! Mentors and partners by request: the lead asks one of the competition's mentors or
//! partners, who accepts or declines; both sides are told by mail.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::queries::{team_and_competition, title};
use super::RequestStatus;
use crate::accounts::CurrentUser;
use crate::authz::team::{team_access, TeamAccess};
use crate::authz::Role;
use crate::entities::{competition_role, team_supporter, user_account};
use crate::error::{unique_or, AppError};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;

/// The lead asks one of the competition's mentors or partners to support the team; the
/// person is told by mail and answers on their teams page.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn ask_supporter(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    supporter_id: i32,
    base_url: &str,
) -> Result<(), AppError> {
    let TeamAccess {
        team,
        competition,
        user: lead,
        ..
    } = team_access(db, by, team_id).await?.lead()?;
    let role = competition_role::Entity::find()
        .filter(competition_role::Column::CompetitionId.eq(competition.id))
        .filter(competition_role::Column::UserId.eq(supporter_id))
        .filter(competition_role::Column::Role.is_in([Role::Mentor, Role::Partner]))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("supporter", Key::TeamsErrorSupporterUnknown))?;
    let person = user_account::Entity::find_by_id(supporter_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    let inserted = team_supporter::ActiveModel {
        team_id: Set(team.id),
        user_id: Set(supporter_id),
        role: Set(role.role),
        status: Set(RequestStatus::Requested),
        requested_at: Set(Utc::now()),
        answered_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    unique_or(inserted, "supporter", Key::TeamsErrorSupporterAsked)?;
    let lang = Lang::parse(&person.lang).unwrap_or(Lang::Id);
    mail::enqueue(
        &txn,
        &person.email,
        lang,
        Key::MailSupportRequestSubject,
        Key::MailSupportRequestBody,
        &[
            ("name", &person.name),
            ("lead", &lead.name),
            ("team", &team.name),
            ("competition", &title(&competition, lang)),
            ("role", lang.text(role.role.label())),
            ("link", &format!("{base_url}/tim")),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The mentor or partner accepts or declines a request addressed to them; the lead is
/// told by mail.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn answer_supporter(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    request_id: i32,
    accept: bool,
    base_url: &str,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let request = team_supporter::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Someone else's request: it exists, and it is not theirs to answer.
    if request.user_id != user.id {
        return Err(AppError::Forbidden);
    }
    let status = if accept {
        RequestStatus::Accepted
    } else {
        RequestStatus::Declined
    };
    let txn = crate::db::begin_write(db).await?;
    // Conditional: a request is answered once.
    let changed = team_supporter::Entity::update_many()
        .col_expr(team_supporter::Column::Status, Expr::value(status))
        .col_expr(team_supporter::Column::AnsweredAt, Expr::value(Utc::now()))
        .filter(team_supporter::Column::Id.eq(request.id))
        .filter(team_supporter::Column::Status.eq(RequestStatus::Requested))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::field("support", Key::TeamsErrorAnswered));
    }
    let (team, competition) = team_and_competition(&txn, request.team_id).await?;
    if let Some(lead) = match team.lead_user_id {
        Some(id) => user_account::Entity::find_by_id(id).one(&txn).await?,
        None => None,
    } {
        let lang = Lang::parse(&lead.lang).unwrap_or(Lang::Id);
        mail::enqueue(
            &txn,
            &lead.email,
            lang,
            Key::MailSupportAnswerSubject,
            if accept {
                Key::MailSupportAcceptedBody
            } else {
                Key::MailSupportDeclinedBody
            },
            &[
                ("name", &lead.name),
                ("supporter", &user.name),
                ("team", &team.name),
                ("competition", &title(&competition, lang)),
                ("role", lang.text(request.role.label())),
                ("link", &format!("{base_url}/tim/{}", team.id)),
            ],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
