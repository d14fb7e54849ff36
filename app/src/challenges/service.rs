//! Posting, editing and removing challenge statements, and a team choosing the one it
//! answers. Who may post, the posting window and the organization rule are checked here.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::{
    parse_contact, parse_data, parse_prize, parse_problem, parse_title, ChallengeDraft,
    ChallengeView, ChallengesPage, TeamChallenge, MAX_PER_COMPETITION,
};
use crate::accounts::CurrentUser;
use crate::authz::service::can;
use crate::authz::Action;
use crate::competitions::queries::by_slug;
use crate::competitions::{CompetitionStatus, Stage};
use crate::entities::{challenge, competition, competition_stage, organization, team};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::organizations::service::{find_by_name, region_label};
use crate::proposals::ProposalStatus;

/// Challenges can be posted, changed and chosen until the submission deadline (the
/// registration deadline when the competition has no dated submission stage).
pub async fn open(
    db: &impl ConnectionTrait,
    competition: &competition::Model,
) -> Result<bool, AppError> {
    let submission = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .one(db)
        .await?;
    let deadline = submission
        .map(|s| s.ends_at)
        .unwrap_or(competition.registration_closes_at);
    Ok(Utc::now() < deadline)
}

async fn is_organizer(
    db: &DatabaseConnection,
    user: Option<&CurrentUser>,
    competition_id: i32,
) -> Result<bool, AppError> {
    match user {
        Some(user) => can(db, user, Action::EditCompetition { competition_id }).await,
        None => Ok(false),
    }
}

/// The challenges page: public for a published competition; for a draft only its
/// organizers see it.
pub async fn page(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    edit: Option<i32>,
    lang: Lang,
) -> Result<ChallengesPage, AppError> {
    let competition = by_slug(db, slug).await?;
    let organizer = is_organizer(db, by, competition.id).await?;
    if competition.status != CompetitionStatus::Published && !organizer {
        return Err(AppError::NotFound);
    }
    let can_post = match by {
        Some(user) => {
            can(
                db,
                user,
                Action::PostChallenge {
                    competition_id: competition.id,
                },
            )
            .await?
        }
        None => false,
    };
    let rows = challenge::Entity::find()
        .filter(challenge::Column::CompetitionId.eq(competition.id))
        .order_by_asc(challenge::Column::CreatedAt)
        .order_by_asc(challenge::Column::Id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?;
    let mut answering: HashMap<i32, usize> = HashMap::new();
    for team in team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .filter(team::Column::ChallengeId.is_not_null())
        .all(db)
        .await?
    {
        if let Some(id) = team.challenge_id {
            *answering.entry(id).or_default() += 1;
        }
    }
    let user_id = by.map(|u| u.id);
    let mut challenges = Vec::with_capacity(rows.len());
    let mut editing = None;
    for (row, org) in rows {
        let can_edit =
            organizer || (can_post && row.posted_by.is_some() && row.posted_by == user_id);
        let (organization, region) = match &org {
            Some(org) => (
                org.name.clone(),
                region_label(
                    db,
                    org.province_code.as_deref(),
                    org.regency_code.as_deref(),
                )
                .await?,
            ),
            None => (String::new(), None),
        };
        if can_edit && edit == Some(row.id) {
            editing = Some(ChallengeDraft {
                id: Some(row.id),
                organization: organization.clone(),
                title: row.title.clone(),
                problem: row.problem.clone(),
                data_offered: row.data_offered.clone(),
                contact: row.contact.clone(),
                prize: row.prize.clone(),
            });
        }
        challenges.push(ChallengeView {
            teams: answering.get(&row.id).copied().unwrap_or(0),
            id: row.id,
            title: row.title,
            organization,
            region,
            problem: row.problem,
            data_offered: row.data_offered,
            contact: row.contact,
            prize: row.prize,
            can_edit,
        });
    }
    let own_organizations = match by {
        Some(user) if can_post && !organizer => {
            crate::organizations::membership::queries::mine(db, user.id)
                .await?
                .into_iter()
                .filter(|a| a.status == crate::organizations::AffiliationStatus::Approved)
                .map(|a| a.organization.name)
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(ChallengesPage {
        open: open(db, &competition).await?,
        competition_title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        slug: competition.slug,
        can_post,
        organizer,
        own_organizations,
        challenges,
        editing,
    })
}

/// The challenge form, as sent.
pub struct ChallengeForm {
    pub organization: String,
    pub title: String,
    pub problem: String,
    pub data_offered: String,
    pub contact: String,
    pub prize: String,
}

/// Posts a new challenge (`id` = `None`) or changes one. Returns its id.
#[tracing::instrument(skip(db, by, form))]
pub async fn save(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    id: Option<i32>,
    form: ChallengeForm,
) -> Result<i32, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let competition = by_slug(db, slug).await?;
    let organizer = is_organizer(db, by, competition.id).await?;
    if !can(
        db,
        user,
        Action::PostChallenge {
            competition_id: competition.id,
        },
    )
    .await?
    {
        return Err(AppError::Forbidden);
    }
    let existing = match id {
        Some(id) => {
            let row = challenge::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|c| c.competition_id == competition.id)
                .ok_or(AppError::NotFound)?;
            if !(organizer || row.posted_by == Some(user.id)) {
                return Err(AppError::Forbidden);
            }
            Some(row)
        }
        None => None,
    };
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("organization", &form.organization),
        ("title", &form.title),
        ("problem", &form.problem),
        ("data_offered", &form.data_offered),
        ("contact", &form.contact),
        ("prize", &form.prize),
    ] {
        errors.keep(field, value);
    }
    if !open(db, &competition).await? {
        errors.add("challenge", Key::ChallengesErrorClosed);
        return Err(AppError::Validation(errors));
    }
    if existing.is_none()
        && challenge::Entity::find()
            .filter(challenge::Column::CompetitionId.eq(competition.id))
            .count(db)
            .await?
            >= MAX_PER_COMPETITION
    {
        errors.add("challenge", Key::ChallengesErrorTooMany);
        return Err(AppError::Validation(errors));
    }
    let organization = if form.organization.trim().is_empty() {
        errors.add("organization", Key::ChallengesErrorOrganizationRequired);
        None
    } else {
        match find_by_name(db, &form.organization).await? {
            None => {
                errors.add("organization", Key::ChallengesErrorOrganizationUnknown);
                None
            }
            // Mentors and partners speak for their own organizations only.
            Some(org) if !organizer && !belongs_to(db, user.id, org.id).await? => {
                errors.add("organization", Key::ChallengesErrorNotYourOrganization);
                None
            }
            found => found,
        }
    };
    let title = errors.check("title", parse_title(&form.title));
    let problem = errors.check("problem", parse_problem(&form.problem));
    let data = errors.check("data_offered", parse_data(&form.data_offered));
    let contact = errors.check("contact", parse_contact(&form.contact));
    let prize = errors.check("prize", parse_prize(&form.prize));
    let (Some(organization), Some(title), Some(problem), Some(data), Some(contact), Some(prize)) =
        (organization, title, problem, data, contact, prize)
    else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    let now = Utc::now();
    let row = match existing {
        Some(row) => {
            let mut row: challenge::ActiveModel = row.into();
            row.organization_id = Set(organization.id);
            row.title = Set(title);
            row.problem = Set(problem);
            row.data_offered = Set(data);
            row.contact = Set(contact);
            row.prize = Set(prize);
            row.updated_at = Set(now);
            row.update(db).await?
        }
        None => {
            challenge::ActiveModel {
                competition_id: Set(competition.id),
                organization_id: Set(organization.id),
                posted_by: Set(Some(user.id)),
                title: Set(title),
                problem: Set(problem),
                data_offered: Set(data),
                contact: Set(contact),
                prize: Set(prize),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(row.id)
}

async fn belongs_to(
    db: &DatabaseConnection,
    user_id: i32,
    organization_id: i32,
) -> Result<bool, AppError> {
    // Only an affiliation the organization approved lets someone post in its name.
    crate::organizations::membership::queries::is_approved_member(db, user_id, organization_id)
        .await
}

/// Removes a challenge no team has chosen (its poster or an organizer).
#[tracing::instrument(skip(db, by))]
pub async fn remove(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    id: i32,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let competition = by_slug(db, slug).await?;
    let row = challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.competition_id == competition.id)
        .ok_or(AppError::NotFound)?;
    let organizer = is_organizer(db, by, competition.id).await?;
    let poster = row.posted_by == Some(user.id)
        && can(
            db,
            user,
            Action::PostChallenge {
                competition_id: competition.id,
            },
        )
        .await?;
    if !(organizer || poster) {
        return Err(AppError::Forbidden);
    }
    // Deleting only when no team names it; the condition sits in the statement, so a
    // team choosing it at the same moment cannot be left pointing at nothing.
    let chosen = team::Entity::find()
        .filter(team::Column::ChallengeId.eq(row.id))
        .count(db)
        .await?;
    if chosen > 0 {
        return Err(AppError::field("challenge", Key::ChallengesErrorChosen));
    }
    challenge::Entity::delete_many()
        .filter(challenge::Column::Id.eq(row.id))
        .filter(ExprTrait::not_in_subquery(
            Expr::col(challenge::Column::Id),
            sea_orm::sea_query::Query::select()
                .column(team::Column::ChallengeId)
                .from(team::Entity)
                .and_where(ExprTrait::is_not_null(Expr::col(team::Column::ChallengeId)))
                .to_owned(),
        ))
        .exec(db)
        .await?;
    Ok(())
}

/// The challenges a team can choose, the one it chose, and whether the reader may change
/// it now.
pub async fn for_team(
    db: &impl ConnectionTrait,
    team: &team::Model,
    competition: &competition::Model,
    is_lead: bool,
) -> Result<TeamChallenge, AppError> {
    let rows = challenge::Entity::find()
        .filter(challenge::Column::CompetitionId.eq(competition.id))
        .order_by_asc(challenge::Column::CreatedAt)
        .order_by_asc(challenge::Column::Id)
        .find_also_related(organization::Entity)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(TeamChallenge::default());
    }
    let submitted = crate::proposals::queries::proposal_of(db, team.id)
        .await?
        .is_some_and(|p| p.status == ProposalStatus::Submitted);
    Ok(TeamChallenge {
        choices: rows
            .into_iter()
            .map(|(c, org)| {
                let org = org.map(|o| o.name).unwrap_or_default();
                (c.id, format!("{} — {org}", c.title))
            })
            .collect(),
        chosen: team.challenge_id,
        can_choose: is_lead && !submitted && open(db, competition).await?,
    })
}

/// The lead names the challenge the team answers (`None`: none) until the proposal is
/// submitted and while challenges are open.
#[tracing::instrument(skip(db, by))]
pub async fn choose(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    challenge_id: Option<i32>,
) -> Result<(), AppError> {
    let crate::authz::team::TeamAccess {
        team, competition, ..
    } = crate::authz::team::team_access(db, by, team_id)
        .await?
        .lead()?;
    if let Some(id) = challenge_id {
        let exists = challenge::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_some_and(|c| c.competition_id == competition.id);
        if !exists {
            return Err(AppError::field("challenge", Key::ChallengesErrorUnknown));
        }
    }
    if !open(db, &competition).await? {
        return Err(AppError::field("challenge", Key::ChallengesErrorClosed));
    }
    if crate::proposals::queries::proposal_of(db, team.id)
        .await?
        .is_some_and(|p| p.status == ProposalStatus::Submitted)
    {
        return Err(AppError::field("challenge", Key::ChallengesErrorSubmitted));
    }
    // The challenge must still exist when the row is written: `remove` deletes only
    // challenges no team names, so the two cannot cross and leave a dangling choice.
    let mut update = team::Entity::update_many()
        .col_expr(team::Column::ChallengeId, Expr::value(challenge_id))
        .filter(team::Column::Id.eq(team.id));
    if let Some(id) = challenge_id {
        update = update.filter(ExprTrait::in_subquery(
            Expr::value(id),
            sea_orm::sea_query::Query::select()
                .column(challenge::Column::Id)
                .from(challenge::Entity)
                .and_where(ExprTrait::eq(
                    Expr::col(challenge::Column::CompetitionId),
                    competition.id,
                ))
                .to_owned(),
        ));
    }
    if update.exec(db).await?.rows_affected == 0 {
        return Err(AppError::field("challenge", Key::ChallengesErrorUnknown));
    }
    Ok(())
}
