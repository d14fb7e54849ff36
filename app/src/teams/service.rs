//! Registering teams, joining them, and asking mentors and partners to support them.
//! Every rule (registration window by the server clock, size limits, one team per person
//! per competition, who may do what) is checked here.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr,
};

use super::{
    Choice, JoinCode, JoinView, MemberView, MyTeams, RegistrationPage, RequestStatus,
    SupporterView, TeamName, TeamSummary, TeamView,
};
use crate::accounts::throttle;
use crate::accounts::{domain::Email, CurrentUser};
use crate::authz::service::can;
use crate::authz::{Action, Role};
use crate::competitions::service::{CATEGORY, GROUP};
use crate::competitions::{CompetitionStatus, Stage, StagePhase};
use crate::entities::{
    competition, competition_option, competition_role, competition_stage, organization, team,
    team_invite, team_member, team_supporter, user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::organizations::service::{find_by_name, region_label, resolve_region};
use crate::organizations::RegionRule;

/// At most this many invitations a team keeps open.
pub const MAX_OPEN_INVITES: u64 = 20;

pub(crate) fn title(row: &competition::Model, lang: Lang) -> String {
    lang.pick(&row.title_id, &row.title_en).to_string()
}

/// Whether teams may register (and join) now: the competition is published, its
/// registration stage (when dated) has started, and its deadline has not passed.
pub async fn registration_open(
    db: &impl ConnectionTrait,
    competition: &competition::Model,
) -> Result<bool, AppError> {
    let now = Utc::now();
    if competition.status != CompetitionStatus::Published
        || now >= competition.registration_closes_at
    {
        return Ok(false);
    }
    let stage = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Registration))
        .one(db)
        .await?;
    Ok(stage.is_none_or(|s| StagePhase::at(s.starts_at, s.ends_at, now) == StagePhase::Running))
}

pub(crate) use crate::competitions::queries::published;

async fn choices(
    db: &DatabaseConnection,
    competition_id: i32,
    kind: &str,
    lang: Lang,
) -> Result<Vec<Choice>, AppError> {
    Ok(competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition_id))
        .filter(competition_option::Column::Kind.eq(kind))
        .order_by_asc(competition_option::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|o| Choice {
            id: o.id,
            name: lang.pick(&o.name_id, &o.name_en).to_string(),
        })
        .collect())
}

/// The person's team in a competition, if any.
pub(crate) async fn membership(
    db: &impl ConnectionTrait,
    competition_id: i32,
    user_id: i32,
) -> Result<Option<team_member::Model>, AppError> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::CompetitionId.eq(competition_id))
        .filter(team_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The registration form's data, for a signed-in person.
pub async fn registration_page(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<RegistrationPage, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let row = published(db, slug).await?;
    Ok(RegistrationPage {
        open: registration_open(db, &row).await?,
        own_team: membership(db, row.id, user.id).await?.map(|m| m.team_id),
        categories: choices(db, row.id, CATEGORY, lang).await?,
        groups: choices(db, row.id, GROUP, lang).await?,
        competition_title: title(&row, lang),
        registration_closes_at: row.registration_closes_at,
        team_min: row.team_min,
        team_max: row.team_max,
        regions: crate::organizations::service::region_choices(db)
            .await?
            .into_iter()
            .map(|(label, _, _)| label)
            .collect(),
        slug: row.slug,
    })
}

/// Why `user_id` cannot register a team (or list themselves as looking for one) now:
/// registration is not open, or they are in a team already.
pub(crate) async fn cannot_start(
    db: &DatabaseConnection,
    competition: &competition::Model,
    user_id: i32,
) -> Result<Option<Key>, AppError> {
    if !registration_open(db, competition).await? {
        return Ok(Some(Key::TeamsErrorClosed));
    }
    if membership(db, competition.id, user_id).await?.is_some() {
        return Ok(Some(Key::TeamsErrorAlreadyInTeam));
    }
    Ok(None)
}

/// The registration form, as sent.
pub struct RegisterForm {
    pub name: String,
    pub agency: String,
    pub region: String,
    pub category: String,
    pub group: String,
}

/// Checks an option chosen in the form: one of the competition's, required when the
/// competition offers any.
fn chosen_option(input: &str, offered: &[Choice], missing: Key) -> Result<Option<i32>, Key> {
    if offered.is_empty() {
        return Ok(None);
    }
    input
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|id| offered.iter().any(|c| c.id == *id))
        .map(Some)
        .ok_or(missing)
}

pub(crate) fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// A write's result, with a unique-index violation said as `key` at `field` (the row
/// someone else wrote first between our check and our write).
pub(crate) fn unique_or<T>(result: Result<T, DbErr>, field: &str, key: Key) -> Result<T, AppError> {
    match result {
        Err(err) if is_unique_violation(&err) => Err(AppError::field(field, key)),
        other => Ok(other?),
    }
}

/// Registers a team with its lead as the first member. Returns the team's id.
#[tracing::instrument(skip(db, by, form))]
pub async fn register(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    form: RegisterForm,
) -> Result<i32, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    user.require_verified()?;
    let row = published(db, slug).await?;
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("name", &form.name),
        ("agency", &form.agency),
        ("region", &form.region),
        ("category", &form.category),
        ("group", &form.group),
    ] {
        errors.keep(field, value);
    }
    if let Some(key) = cannot_start(db, &row, user.id).await? {
        errors.add("team", key);
        return Err(AppError::Validation(errors));
    }
    let name = errors.check("name", TeamName::parse(&form.name));
    if let Some(name) = &name {
        let taken = team::Entity::find()
            .filter(team::Column::CompetitionId.eq(row.id))
            .filter(team::Column::NameKey.eq(name.key()))
            .count(db)
            .await?
            > 0;
        if taken {
            errors.add("name", Key::TeamsErrorNameTaken);
        }
    }
    let agency = if form.agency.trim().is_empty() {
        errors.add("agency", Key::TeamsErrorAgencyRequired);
        None
    } else {
        let found = find_by_name(db, &form.agency).await?;
        if found.is_none() {
            errors.add("agency", Key::TeamsErrorAgencyUnknown);
        }
        found
    };
    let region = errors.check(
        "region",
        resolve_region(db, &form.region, RegionRule::Any).await?,
    );
    let category = errors.check(
        "category",
        chosen_option(
            &form.category,
            &choices(db, row.id, CATEGORY, Lang::Id).await?,
            Key::TeamsErrorCategoryRequired,
        ),
    );
    let group = errors.check(
        "group",
        chosen_option(
            &form.group,
            &choices(db, row.id, GROUP, Lang::Id).await?,
            Key::TeamsErrorGroupRequired,
        ),
    );
    let (Some(name), Some(agency), Some((province, regency)), Some(category), Some(group)) =
        (name, agency, region, category, group)
    else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    // An empty region field means the agency's own region.
    let (province, regency) = if province.is_none() {
        (agency.province_code.clone(), agency.regency_code.clone())
    } else {
        (province, regency)
    };
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let inserted = team::ActiveModel {
        competition_id: Set(row.id),
        organization_id: Set(agency.id),
        name: Set(name.as_str().to_string()),
        name_key: Set(name.key()),
        created_at: Set(now),
        lead_user_id: Set(Some(user.id)),
        category_option_id: Set(category),
        group_option_id: Set(group),
        province_code: Set(province),
        regency_code: Set(regency),
        join_code: Set(Some(JoinCode::generate().as_str().to_string())),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let team = unique_or(inserted, "name", Key::TeamsErrorNameTaken)?;
    let member = team_member::ActiveModel {
        team_id: Set(team.id),
        competition_id: Set(row.id),
        user_id: Set(user.id),
        is_lead: Set(true),
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    unique_or(member, "team", Key::TeamsErrorAlreadyInTeam)?;
    txn.commit().await?;
    Ok(team.id)
}

pub(crate) async fn team_and_competition(
    db: &impl ConnectionTrait,
    team_id: i32,
) -> Result<(team::Model, competition::Model), AppError> {
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let competition = competition::Entity::find_by_id(team.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((team, competition))
}

/// The team, if `by` leads it.
async fn led_team(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<(team::Model, competition::Model, CurrentUser), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    if team.lead_user_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
    Ok((team, competition, user.clone()))
}

/// Holds the team's row for the rest of the transaction (PostgreSQL: a row lock;
/// SQLite: the database write lock), so size checks and inserts cannot interleave.
async fn lock_team(db: &impl ConnectionTrait, team_id: i32) -> Result<(), AppError> {
    team::Entity::update_many()
        .col_expr(team::Column::Name, Expr::col(team::Column::Name))
        .filter(team::Column::Id.eq(team_id))
        .exec(db)
        .await?;
    Ok(())
}

pub(crate) async fn member_count(db: &impl ConnectionTrait, team_id: i32) -> Result<u64, AppError> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .count(db)
        .await?)
}

/// The team page: members, and for the lead the code, invitations and supporters. Open
/// to members, to the team's mentors and partners, to organizers and admins.
pub async fn view(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    lang: Lang,
) -> Result<TeamView, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    let members: Vec<MemberView> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .order_by_desc(team_member::Column::IsLead)
        .order_by_asc(team_member::Column::JoinedAt)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?
        .into_iter()
        .map(|(m, u)| MemberView {
            user_id: m.user_id,
            name: u.map(|u| u.name).unwrap_or_default(),
            is_lead: m.is_lead,
        })
        .collect();
    let supporter_rows = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team.id))
        .order_by_asc(team_supporter::Column::RequestedAt)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    let is_member = members.iter().any(|m| m.user_id == user.id);
    let is_lead = team.lead_user_id == Some(user.id);
    // Only an accepted supporter reads the team; one asked, declined or ended does not.
    let is_supporter = supporter_rows
        .iter()
        .any(|(s, _)| s.user_id == user.id && s.status == RequestStatus::Accepted);
    let organizer = can(
        db,
        user,
        Action::EditCompetition {
            competition_id: competition.id,
        },
    )
    .await?;
    if !(is_member || is_supporter || organizer) {
        return Err(AppError::Forbidden);
    }
    let supporters: Vec<SupporterView> = supporter_rows
        .iter()
        .map(|(s, u)| SupporterView {
            id: s.id,
            name: u.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
            role: s.role,
            status: s.status,
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
    let (team, competition, lead) = led_team(db, by, team_id).await?;
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
pub(crate) async fn add_member(
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
        is_lead: Set(false),
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
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    let is_lead = team.lead_user_id == Some(user.id);
    if !(is_lead || user.id == user_id) {
        return Err(AppError::Forbidden);
    }
    if team.lead_user_id == Some(user_id) {
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
    let (team, _, _) = led_team(db, by, team_id).await?;
    let mut row: team::ActiveModel = team.into();
    row.join_code = Set(Some(JoinCode::generate().as_str().to_string()));
    row.update(db).await?;
    Ok(())
}

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
    let (team, competition, lead) = led_team(db, by, team_id).await?;
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

/// The reader's teams, and the teams that asked them for support.
pub async fn my_teams(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    lang: Lang,
) -> Result<MyTeams, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let memberships = team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user.id))
        .find_also_related(team::Entity)
        .all(db)
        .await?;
    let supports = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(user.id))
        .order_by_desc(team_supporter::Column::RequestedAt)
        .find_also_related(team::Entity)
        .all(db)
        .await?;
    let competition_ids: Vec<i32> = memberships
        .iter()
        .filter_map(|(_, t)| t.as_ref().map(|t| t.competition_id))
        .chain(
            supports
                .iter()
                .filter_map(|(_, t)| t.as_ref().map(|t| t.competition_id)),
        )
        .collect();
    let titles: HashMap<i32, String> = competition::Entity::find()
        .filter(competition::Column::Id.is_in(competition_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, title(&c, lang)))
        .collect();
    let summary = |team: team::Model, is_lead: bool, support: Option<SupporterView>| TeamSummary {
        id: team.id,
        competition_title: titles
            .get(&team.competition_id)
            .cloned()
            .unwrap_or_default(),
        name: team.name,
        is_lead,
        support,
    };
    Ok(MyTeams {
        member_of: memberships
            .into_iter()
            .filter_map(|(m, t)| t.map(|t| summary(t, m.is_lead, None)))
            .collect(),
        supporting: supports
            .into_iter()
            .filter_map(|(s, t)| {
                t.map(|t| {
                    let view = SupporterView {
                        id: s.id,
                        name: user.name.clone(),
                        role: s.role,
                        status: s.status,
                    };
                    summary(t, false, Some(view))
                })
            })
            .collect(),
    })
}
