//! Mentors and partners by request or by offer: the lead asks one of the competition's
//! mentors or partners, or one of them offers to support the team; the side that did not
//! ask accepts or declines, and both sides are told by mail.
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::queries::{team_and_competition, title};
use super::RequestStatus;
use crate::accounts::CurrentUser;
use crate::authz::service::supporter_role;
use crate::authz::team::{access_to, team_access, TeamAccess};
use crate::authz::Role;
use crate::entities::{competition, competition_role, team, team_supporter, user_account};
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
    let inserted = link(&team, supporter_id, role.role, false)
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

/// A mentor or partner of the team's competition offers to support it; the lead is told
/// by mail and answers on the team page. Returns the competition's slug. A person without
/// that role in the team's competition (another competition's mentor among them) is
/// refused; so is an offer where a request or offer already links the two.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn offer_support(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    base_url: &str,
) -> Result<String, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    let Some(role) = supporter_role(db, user.id, competition.id).await? else {
        tracing::warn!(
            user = user.id,
            team = team.id,
            "offer without a supporter role"
        );
        return Err(AppError::Forbidden);
    };
    // Someone in the team does not support it from outside.
    if access_to(db, user, team.clone())
        .await?
        .standing
        .is_member()
    {
        return Err(AppError::Forbidden);
    }
    let existing = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team.id))
        .filter(team_supporter::Column::UserId.eq(user.id))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        let key = match (existing.status, existing.from_supporter) {
            (RequestStatus::Requested, true) => Key::SupportErrorOffered,
            (RequestStatus::Requested, false) => Key::SupportErrorAsked,
            _ => Key::SupportErrorLinked,
        };
        return Err(AppError::field("support", key));
    }
    let lead = match team.lead_user_id {
        Some(id) => user_account::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or_else(|| AppError::field("support", Key::FormingErrorNoLead))?;
    let txn = crate::db::begin_write(db).await?;
    let inserted = link(&team, user.id, role, true).insert(&txn).await;
    unique_or(inserted, "support", Key::SupportErrorOffered)?;
    let lang = Lang::parse(&lead.lang).unwrap_or(Lang::Id);
    mail::enqueue(
        &txn,
        &lead.email,
        lang,
        Key::SupportMailOfferSubject,
        Key::SupportMailOfferBody,
        &[
            ("name", &lead.name),
            ("supporter", &user.name),
            ("team", &team.name),
            ("competition", &title(&competition, lang)),
            ("role", lang.text(role.label())),
            ("link", &format!("{base_url}/tim/{}#pendamping", team.id)),
        ],
    )
    .await?;
    txn.commit().await?;
    Ok(competition.slug)
}

/// A new link between a team and a mentor or partner, waiting for an answer.
fn link(
    team: &team::Model,
    user_id: i32,
    role: Role,
    offered: bool,
) -> team_supporter::ActiveModel {
    team_supporter::ActiveModel {
        team_id: Set(team.id),
        user_id: Set(user_id),
        role: Set(role),
        status: Set(RequestStatus::Requested),
        requested_at: Set(Utc::now()),
        answered_at: Set(None),
        from_supporter: Set(offered),
        ..Default::default()
    }
}

/// Who answered a request or offer of support, for the page that follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answerer {
    /// The mentor or partner a lead asked.
    Supporter,
    /// The lead of this team, to a mentor's or partner's offer.
    Lead { team_id: i32 },
}

/// The side that did not ask accepts or declines: the mentor or partner a request is
/// addressed to, or the lead of the team an offer is made to. Anyone else, the asker
/// included, is refused. The asker is told by mail.
#[tracing::instrument(skip(db, by, base_url))]
pub async fn answer_supporter(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    request_id: i32,
    accept: bool,
    base_url: &str,
) -> Result<Answerer, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let request = team_supporter::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (team, competition) = if request.from_supporter {
        let access = team_access(db, by, request.team_id).await?.lead()?;
        (access.team, access.competition)
    } else {
        // Someone else's request: it exists, and it is not theirs to answer.
        if request.user_id != user.id {
            return Err(AppError::Forbidden);
        }
        team_and_competition(db, request.team_id).await?
    };
    let status = if accept {
        RequestStatus::Accepted
    } else {
        RequestStatus::Declined
    };
    let txn = crate::db::begin_write(db).await?;
    // Accepting links the team to someone who holds the role now, checked inside the
    // write: a mentor whose role was revoked after the offer or request is not let in.
    if accept
        && !crate::authz::service::roles_in(&txn, request.user_id, competition.id)
            .await?
            .contains(&request.role)
    {
        return Err(AppError::field("support", Key::SupportErrorRoleGone));
    }
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
    let answerer = if request.from_supporter {
        let supporter = user_account::Entity::find_by_id(request.user_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let link = if accept {
            format!("{base_url}/tim/{}", team.id)
        } else {
            format!(
                "{base_url}/kompetisi/{}/cari-tim#didampingi",
                competition.slug
            )
        };
        let body = if accept {
            Key::SupportMailOfferAcceptedBody
        } else {
            Key::SupportMailOfferDeclinedBody
        };
        let told = Told {
            to: &supporter,
            answered_by: ("lead", &user.name),
            role: request.role,
            link,
        };
        told.send(
            &txn,
            &team,
            &competition,
            Key::SupportMailOfferAnswerSubject,
            body,
        )
        .await?;
        Answerer::Lead { team_id: team.id }
    } else {
        if let Some(lead) = match team.lead_user_id {
            Some(id) => user_account::Entity::find_by_id(id).one(&txn).await?,
            None => None,
        } {
            let body = if accept {
                Key::MailSupportAcceptedBody
            } else {
                Key::MailSupportDeclinedBody
            };
            let told = Told {
                to: &lead,
                answered_by: ("supporter", &user.name),
                role: request.role,
                link: format!("{base_url}/tim/{}", team.id),
            };
            told.send(
                &txn,
                &team,
                &competition,
                Key::MailSupportAnswerSubject,
                body,
            )
            .await?;
        }
        Answerer::Supporter
    };
    txn.commit().await?;
    Ok(answerer)
}

/// The mail that tells the asker the answer: `answered_by` is the placeholder the mail
/// names the one who answered with (`lead`, `supporter`), and their name.
struct Told<'a> {
    to: &'a user_account::Model,
    answered_by: (&'static str, &'a str),
    role: Role,
    link: String,
}

impl Told<'_> {
    async fn send(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        team: &team::Model,
        competition: &competition::Model,
        subject: Key,
        body: Key,
    ) -> Result<(), AppError> {
        let lang = Lang::parse(&self.to.lang).unwrap_or(Lang::Id);
        mail::enqueue(
            txn,
            &self.to.email,
            lang,
            subject,
            body,
            &[
                ("name", &self.to.name),
                self.answered_by,
                ("team", &team.name),
                ("competition", &title(competition, lang)),
                ("role", lang.text(self.role.label())),
                ("link", &self.link),
            ],
        )
        .await?;
        Ok(())
    }
}
