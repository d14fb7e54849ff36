//! A person's looking-for-team listing, and the skills a team's lead says it still needs.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use super::{parse_note, parse_skills};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::team::{team_access, TeamAccess};
use crate::authz::Action;
use crate::competitions::queries::published;
use crate::entities::{team, team_seeker};
use crate::error::{is_unique_violation, AppError, FieldErrors};
use crate::i18n::Key;
use crate::organizations::service::{find_by_name, resolve_region};
use crate::organizations::RegionRule;
use crate::teams::queries::registration_open;
use crate::teams::registration::cannot_start;

/// A person's listing, as sent.
pub struct ListingForm {
    pub skills: String,
    pub about: String,
    pub agency: String,
    pub region: String,
}

/// Lists the person as looking for a team (or changes their listing).
#[tracing::instrument(skip(db, by, form))]
pub async fn save_listing(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    form: ListingForm,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let competition = published(db, slug).await?;
    let competition_id = competition.id;
    authorize(db, by, Action::EnterTeams { competition_id }).await?;
    let mut errors = FieldErrors::new();
    for (field, value) in [
        ("skills", &form.skills),
        ("about", &form.about),
        ("agency", &form.agency),
        ("region", &form.region),
    ] {
        errors.keep(field, value);
    }
    if let Some(key) = cannot_start(db, &competition, user.id).await? {
        errors.add("listing", key);
        return Err(AppError::Validation(errors));
    }
    let skills = errors.check("skills", parse_skills(&form.skills));
    let about = errors.check("about", parse_note(&form.about));
    let agency = if form.agency.trim().is_empty() {
        Some(None)
    } else {
        let found = find_by_name(db, &form.agency).await?;
        if found.is_none() {
            errors.add("agency", Key::TeamsErrorAgencyUnknown);
        }
        found.map(Some)
    };
    let region = errors.check(
        "region",
        resolve_region(db, &form.region, RegionRule::Any).await?,
    );
    let (Some(skills), Some(about), Some(agency), Some((province, regency))) =
        (skills, about, agency, region)
    else {
        return Err(AppError::Validation(errors));
    };
    errors.finish()?;
    // An empty region means the agency's.
    let (province, regency) = match (&province, &agency) {
        (None, Some(org)) => (org.province_code.clone(), org.regency_code.clone()),
        _ => (province, regency),
    };
    let now = Utc::now();
    let existing = team_seeker::Entity::find()
        .filter(team_seeker::Column::CompetitionId.eq(competition.id))
        .filter(team_seeker::Column::UserId.eq(user.id))
        .one(db)
        .await?;
    let mut row = match existing {
        Some(row) => row.into(),
        None => team_seeker::ActiveModel {
            competition_id: Set(competition.id),
            user_id: Set(user.id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.skills = Set(skills);
    row.about = Set(about);
    row.organization_id = Set(agency.map(|o| o.id));
    row.province_code = Set(province);
    row.regency_code = Set(regency);
    row.updated_at = Set(now);
    match row.save(db).await {
        Ok(_) => Ok(()),
        // Two saves of the same new listing at once: the first one stands.
        Err(err) if is_unique_violation(&err) => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// Takes the person off the list.
#[tracing::instrument(skip(db, by))]
pub async fn remove_listing(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(), AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let competition = published(db, slug).await?;
    team_seeker::Entity::delete_many()
        .filter(team_seeker::Column::CompetitionId.eq(competition.id))
        .filter(team_seeker::Column::UserId.eq(user.id))
        .exec(db)
        .await?;
    Ok(())
}

/// The lead lists the skills the team still needs; empty takes the team off the list.
#[tracing::instrument(skip(db, by, skills))]
pub async fn save_wanted(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
    skills: &str,
) -> Result<(), AppError> {
    let TeamAccess {
        team, competition, ..
    } = team_access(db, by, team_id).await?.lead()?;
    let mut errors = FieldErrors::new();
    errors.keep("wanted_skills", skills);
    if !registration_open(db, &competition).await? {
        errors.add("wanted_skills", Key::TeamsErrorClosed);
        return Err(AppError::Validation(errors));
    }
    let wanted = if skills.trim().is_empty() {
        None
    } else {
        match errors.check("wanted_skills", parse_skills(skills)) {
            Some(skills) => Some(skills),
            None => return Err(AppError::Validation(errors)),
        }
    };
    let mut row: team::ActiveModel = team.into();
    row.wanted_skills = Set(wanted);
    row.update(db).await?;
    Ok(())
}
