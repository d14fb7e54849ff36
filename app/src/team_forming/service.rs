//! Looking-for-team listings and requests to join. Every rule is checked here: the
//! registration window by the server clock, one team per person, the size limit (through
//! [`teams::service::add_member`]), who may answer which request.
use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use super::{
    matches, parse_note, parse_skills, FormingPage, OpenTeamView, OwnListing, OwnTeam,
    RequestStatus, RequestView, SeekerView, LIST_LIMIT,
};
use crate::accounts::CurrentUser;
use crate::competitions::CompetitionStatus;
use crate::entities::{
    competition, competition_option, join_request, organization, team, team_member, team_seeker,
    user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{Key, Lang};
use crate::mail::service as mail;
use crate::organizations::service::{find_by_name, region_label, resolve_region};
use crate::organizations::RegionRule;
use crate::teams::service::{
    add_member, cannot_start, is_unique_violation, member_count, membership, published,
    registration_open, team_and_competition, title, unique_or,
};

fn forming_link(base_url: &str, competition: &competition::Model) -> String {
    format!("{base_url}/kompetisi/{}/cari-tim", competition.slug)
}

/// The looking-for-team page, for a signed-in person.
pub async fn page(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    search: &str,
    lang: Lang,
) -> Result<FormingPage, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let competition = published(db, slug).await?;
    let open = registration_open(db, &competition).await?;
    let members = team_member::Entity::find()
        .filter(team_member::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?;
    let in_a_team: HashSet<i32> = members.iter().map(|m| m.user_id).collect();
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for m in &members {
        *sizes.entry(m.team_id).or_default() += 1;
    }
    let own_membership = members.iter().find(|m| m.user_id == user.id);
    let own_team = match own_membership {
        Some(m) => team::Entity::find_by_id(m.team_id)
            .one(db)
            .await?
            .map(|t| OwnTeam {
                has_room: sizes.get(&t.id).copied().unwrap_or(0) < competition.team_max as usize,
                is_lead: t.lead_user_id == Some(user.id),
                id: t.id,
                name: t.name,
                wanted_skills: t.wanted_skills,
            }),
        None => None,
    };
    let lead_of = own_team.as_ref().filter(|t| t.is_lead).map(|t| t.id);

    let requests = join_request::Entity::find()
        .filter(join_request::Column::CompetitionId.eq(competition.id))
        .filter(
            sea_orm::Condition::any()
                .add(join_request::Column::UserId.eq(user.id))
                .add(join_request::Column::TeamId.eq(lead_of.unwrap_or(0))),
        )
        .order_by_desc(join_request::Column::CreatedAt)
        .all(db)
        .await?;
    let asked_people: HashSet<i32> = requests
        .iter()
        .filter(|r| Some(r.team_id) == lead_of)
        .map(|r| r.user_id)
        .collect();
    let asked_teams: HashSet<i32> = requests
        .iter()
        .filter(|r| r.user_id == user.id)
        .map(|r| r.team_id)
        .collect();

    let seekers = team_seeker::Entity::find()
        .filter(team_seeker::Column::CompetitionId.eq(competition.id))
        .order_by_desc(team_seeker::Column::UpdatedAt)
        .all(db)
        .await?;
    let open_teams: Vec<team::Model> = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .filter(team::Column::WantedSkills.is_not_null())
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|t| sizes.get(&t.id).copied().unwrap_or(0) < competition.team_max as usize)
        .collect();

    // Names of everyone and everything the page mentions, in a few queries.
    let team_ids: HashSet<i32> = requests.iter().map(|r| r.team_id).collect();
    let request_teams: HashMap<i32, String> = team::Entity::find()
        .filter(team::Column::Id.is_in(team_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let user_ids: HashSet<i32> = seekers
        .iter()
        .map(|s| s.user_id)
        .chain(requests.iter().map(|r| r.user_id))
        .collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let org_ids: HashSet<i32> = seekers
        .iter()
        .filter_map(|s| s.organization_id)
        .chain(open_teams.iter().map(|t| t.organization_id))
        .collect();
    let orgs: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let categories: HashMap<i32, String> = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, lang.pick(&o.name_id, &o.name_en).to_string()))
        .collect();
    let mut regions: HashMap<(Option<String>, Option<String>), Option<String>> = HashMap::new();
    let mut region_of = async |province: &Option<String>, regency: &Option<String>| {
        let key = (province.clone(), regency.clone());
        if let Some(label) = regions.get(&key) {
            return Ok::<_, AppError>(label.clone());
        }
        let label = region_label(db, province.as_deref(), regency.as_deref()).await?;
        regions.insert(key, label.clone());
        Ok(label)
    };

    let mut own_listing = OwnListing::default();
    let mut people = Vec::new();
    let mut more = false;
    for s in seekers {
        let region = region_of(&s.province_code, &s.regency_code).await?;
        let agency = s.organization_id.and_then(|id| orgs.get(&id).cloned());
        if s.user_id == user.id {
            own_listing = OwnListing {
                listed: true,
                skills: s.skills.clone(),
                about: s.about.clone(),
                agency: agency.clone().unwrap_or_default(),
                region: region.clone().unwrap_or_default(),
            };
            continue;
        }
        if in_a_team.contains(&s.user_id) {
            continue;
        }
        let name = names.get(&s.user_id).cloned().unwrap_or_default();
        let haystack = format!(
            "{name} {} {} {} {}",
            s.skills,
            s.about,
            agency.as_deref().unwrap_or(""),
            region.as_deref().unwrap_or("")
        );
        if !matches(search, &haystack) {
            continue;
        }
        if people.len() == LIST_LIMIT {
            more = true;
            break;
        }
        people.push(SeekerView {
            can_invite: open
                && own_team.as_ref().is_some_and(|t| t.is_lead && t.has_room)
                && !asked_people.contains(&s.user_id),
            user_id: s.user_id,
            name,
            agency,
            region,
            skills: s.skills,
            about: s.about,
        });
    }
    let mut teams = Vec::new();
    for t in open_teams {
        if Some(t.id) == own_team.as_ref().map(|o| o.id) {
            continue;
        }
        let region = region_of(&t.province_code, &t.regency_code).await?;
        let agency = orgs.get(&t.organization_id).cloned().unwrap_or_default();
        let category = t
            .category_option_id
            .and_then(|id| categories.get(&id).cloned());
        let wanted = t.wanted_skills.clone().unwrap_or_default();
        let haystack = format!(
            "{} {wanted} {agency} {} {}",
            t.name,
            region.as_deref().unwrap_or(""),
            category.as_deref().unwrap_or("")
        );
        if !matches(search, &haystack) {
            continue;
        }
        if teams.len() == LIST_LIMIT {
            more = true;
            break;
        }
        teams.push(OpenTeamView {
            can_ask: open && own_team.is_none() && !asked_teams.contains(&t.id),
            members: sizes.get(&t.id).copied().unwrap_or(0),
            team_max: competition.team_max,
            id: t.id,
            name: t.name,
            agency,
            region,
            category,
            wanted_skills: wanted,
        });
    }

    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    for r in requests {
        let addressed_to_me = if r.from_team {
            r.user_id == user.id
        } else {
            Some(r.team_id) == lead_of
        };
        let view = RequestView {
            id: r.id,
            team_id: r.team_id,
            team_name: request_teams.get(&r.team_id).cloned().unwrap_or_default(),
            person_name: names.get(&r.user_id).cloned().unwrap_or_default(),
            from_team: r.from_team,
            message: r.message,
            status: r.status,
            created_at: r.created_at,
        };
        if addressed_to_me && view.status == RequestStatus::Requested {
            incoming.push(view);
        } else if !addressed_to_me {
            outgoing.push(view);
        }
    }
    Ok(FormingPage {
        competition_title: title(&competition, lang),
        slug: competition.slug,
        open,
        search: search.trim().to_string(),
        own_team,
        own_listing,
        people,
        teams,
        more,
        incoming,
        outgoing,
        regions: crate::organizations::service::region_choices(db)
            .await?
            .into_iter()
            .map(|(label, _, _)| label)
            .collect(),
    })
}

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
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    if team.lead_user_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
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
    let user = by.ok_or(AppError::Unauthorized)?;
    let (team, competition) = team_and_competition(db, team_id).await?;
    if team.lead_user_id != Some(user.id) {
        return Err(AppError::Forbidden);
    }
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
    let (team, competition) = team_and_competition(db, row.team_id).await?;
    let addressed_to_me = if row.from_team {
        row.user_id == user.id
    } else {
        team.lead_user_id == Some(user.id)
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
