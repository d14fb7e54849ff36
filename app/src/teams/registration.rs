//! Registering a team: the form's data, who may start a team now, and the registration
//! itself with its lead as the first member. A competition's organizers, jurors, mentors
//! and partners register none (`Action::EnterTeams`).
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use super::queries::{choices, membership, registration_open, title};
use super::{Choice, JoinCode, RegistrationPage, TeamName};
use crate::accounts::CurrentUser;
use crate::authz::service::{authorize, outside_teams};
use crate::authz::Action;
use crate::competitions::queries::published;
use crate::competitions::OptionKind;
use crate::entities::{competition, team, team_member};
use crate::error::{unique_or, AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::organizations::service::{find_by_name, resolve_region};
use crate::organizations::{AffiliationStatus, RegionRule};

/// The registration form's data, for a signed-in person.
pub async fn registration_page(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    lang: Lang,
) -> Result<RegistrationPage, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let row = published(db, slug).await?;
    let groups = choices(db, row.id, OptionKind::Group, lang).await?;
    // Only an affiliation its organization approved speaks for the person.
    let affiliation = crate::organizations::membership::queries::mine(db, user.id)
        .await?
        .into_iter()
        .find(|a| a.status == AffiliationStatus::Approved)
        .map(|a| a.organization);
    Ok(RegistrationPage {
        open: registration_open(db, &row).await?,
        own_team: membership(db, row.id, user.id).await?.map(|m| m.team_id),
        outside_as: outside_teams(db, user, row.id).await?,
        categories: choices(db, row.id, OptionKind::Category, lang).await?,
        group: match groups.as_slice() {
            [only] => only.id.to_string(),
            _ => String::new(),
        },
        groups,
        agency: affiliation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        region: affiliation.map(|o| o.region).unwrap_or_default(),
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
pub async fn cannot_start(
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
    let competition_id = row.id;
    authorize(db, by, Action::EnterTeams { competition_id }).await?;
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
            &choices(db, row.id, OptionKind::Category, Lang::Id).await?,
            Key::TeamsErrorCategoryRequired,
        ),
    );
    let group = errors.check(
        "group",
        chosen_option(
            &form.group,
            &choices(db, row.id, OptionKind::Group, Lang::Id).await?,
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
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    unique_or(member, "team", Key::TeamsErrorAlreadyInTeam)?;
    txn.commit().await?;
    Ok(team.id)
}
