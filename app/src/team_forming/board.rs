//! The looking-for-team page: who is looking, which teams have room, and the reader's
//! own requests and invitations. Read in a few queries, then assembled part by part.
use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::supporting::supportable_teams;
use super::{
    matches, FormingPage, OpenTeamView, OwnListing, OwnTeam, RequestStatus, RequestView,
    SeekerView, LIST_LIMIT,
};
use crate::accounts::CurrentUser;
use crate::authz::service::{outside_teams, supporter_role};
use crate::authz::team::leads;
use crate::competitions::queries::published;
use crate::entities::{
    competition, join_request, organization, team, team_member, team_seeker, user_account,
};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::organizations::service::region_label;
use crate::teams::queries::{registration_open, title};

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
    let outside_as = outside_teams(db, user, competition.id).await?;
    let supports_as = supporter_role(db, user.id, competition.id).await?;
    let board = Board::load(db, &competition, user.id).await?;
    let names = Names::load(db, &competition, &board, lang).await?;
    let mut regions = Regions::default();
    let (own_listing, people, more_people) =
        people(db, &board, &names, &mut regions, search, open, user.id).await?;
    // Someone with a role in the competition asks to join no team.
    let may_ask = open && outside_as.is_none();
    let (teams, more_teams) = open_teams(
        db,
        &board,
        &names,
        &mut regions,
        search,
        may_ask,
        &competition,
    )
    .await?;
    let (supportable, more_supportable) = match supports_as {
        Some(_) => supportable_teams(db, &competition, user.id, search, lang).await?,
        None => (Vec::new(), false),
    };
    let (incoming, outgoing) = requests(board.requests, &names, board.lead_of, user.id);
    Ok(FormingPage {
        competition_title: title(&competition, lang),
        slug: competition.slug,
        open,
        search: search.trim().to_string(),
        own_team: board.own_team,
        own_listing,
        people,
        teams,
        more: more_people || more_teams || more_supportable,
        incoming,
        outgoing,
        regions: crate::organizations::service::region_choices(db)
            .await?
            .into_iter()
            .map(|(label, _, _)| label)
            .collect(),
        outside_as,
        supports_as,
        supportable,
    })
}

/// The rows the page is made of.
struct Board {
    /// Everyone in a team in this competition.
    in_a_team: HashSet<i32>,
    /// Members per team.
    sizes: HashMap<i32, usize>,
    own_team: Option<OwnTeam>,
    /// The team the reader leads, if any.
    lead_of: Option<i32>,
    /// The reader's requests and invitations, and those of the team they lead.
    requests: Vec<join_request::Model>,
    /// People asked to join the team the reader leads.
    asked_people: HashSet<i32>,
    /// Teams the reader asked to join.
    asked_teams: HashSet<i32>,
    seekers: Vec<team_seeker::Model>,
    /// Teams looking for people that still have room.
    open_teams: Vec<team::Model>,
}

impl Board {
    async fn load(
        db: &DatabaseConnection,
        competition: &competition::Model,
        user_id: i32,
    ) -> Result<Board, AppError> {
        let members = team_member::Entity::find()
            .filter(team_member::Column::CompetitionId.eq(competition.id))
            .all(db)
            .await?;
        let in_a_team: HashSet<i32> = members.iter().map(|m| m.user_id).collect();
        let mut sizes: HashMap<i32, usize> = HashMap::new();
        for m in &members {
            *sizes.entry(m.team_id).or_default() += 1;
        }
        let has_room = |team_id: i32| {
            sizes.get(&team_id).copied().unwrap_or(0) < competition.team_max as usize
        };
        let own_team = match members.iter().find(|m| m.user_id == user_id) {
            Some(m) => team::Entity::find_by_id(m.team_id)
                .one(db)
                .await?
                .map(|t| OwnTeam {
                    has_room: has_room(t.id),
                    is_lead: leads(&t, user_id),
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
                    .add(join_request::Column::UserId.eq(user_id))
                    .add(join_request::Column::TeamId.eq(lead_of.unwrap_or(0))),
            )
            .order_by_desc(join_request::Column::CreatedAt)
            .all(db)
            .await?;
        let asked_people = requests
            .iter()
            .filter(|r| Some(r.team_id) == lead_of)
            .map(|r| r.user_id)
            .collect();
        let asked_teams = requests
            .iter()
            .filter(|r| r.user_id == user_id)
            .map(|r| r.team_id)
            .collect();
        let seekers = team_seeker::Entity::find()
            .filter(team_seeker::Column::CompetitionId.eq(competition.id))
            .order_by_desc(team_seeker::Column::UpdatedAt)
            .all(db)
            .await?;
        let open_teams = team::Entity::find()
            .filter(team::Column::CompetitionId.eq(competition.id))
            .filter(team::Column::WantedSkills.is_not_null())
            .order_by_asc(team::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .filter(|t| has_room(t.id))
            .collect();
        Ok(Board {
            in_a_team,
            sizes,
            own_team,
            lead_of,
            requests,
            asked_people,
            asked_teams,
            seekers,
            open_teams,
        })
    }

    fn size(&self, team_id: i32) -> usize {
        self.sizes.get(&team_id).copied().unwrap_or(0)
    }
}

/// Names of everyone and everything the page mentions, in a few queries.
struct Names {
    teams: HashMap<i32, String>,
    people: HashMap<i32, String>,
    organizations: HashMap<i32, String>,
    options: HashMap<i32, String>,
}

impl Names {
    async fn load(
        db: &DatabaseConnection,
        competition: &competition::Model,
        board: &Board,
        lang: Lang,
    ) -> Result<Names, AppError> {
        let team_ids: HashSet<i32> = board.requests.iter().map(|r| r.team_id).collect();
        let teams = team::Entity::find()
            .filter(team::Column::Id.is_in(team_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let user_ids: HashSet<i32> = board
            .seekers
            .iter()
            .map(|s| s.user_id)
            .chain(board.requests.iter().map(|r| r.user_id))
            .collect();
        let people = user_account::Entity::find()
            .filter(user_account::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let org_ids: HashSet<i32> = board
            .seekers
            .iter()
            .filter_map(|s| s.organization_id)
            .chain(board.open_teams.iter().map(|t| t.organization_id))
            .collect();
        let organizations = organization::Entity::find()
            .filter(organization::Column::Id.is_in(org_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let options = crate::competitions::queries::option_names(db, competition.id, lang).await?;
        Ok(Names {
            teams,
            people,
            organizations,
            options,
        })
    }
}

/// Region labels, each looked up once.
#[derive(Default)]
struct Regions(HashMap<(Option<String>, Option<String>), Option<String>>);

impl Regions {
    async fn label(
        &mut self,
        db: &DatabaseConnection,
        province: &Option<String>,
        regency: &Option<String>,
    ) -> Result<Option<String>, AppError> {
        let key = (province.clone(), regency.clone());
        if let Some(label) = self.0.get(&key) {
            return Ok(label.clone());
        }
        let label = region_label(db, province.as_deref(), regency.as_deref()).await?;
        self.0.insert(key, label.clone());
        Ok(label)
    }
}

/// The reader's own listing, and the others looking for a team who match the search
/// (at most `LIST_LIMIT`; `true` when there are more).
async fn people(
    db: &DatabaseConnection,
    board: &Board,
    names: &Names,
    regions: &mut Regions,
    search: &str,
    open: bool,
    user_id: i32,
) -> Result<(OwnListing, Vec<SeekerView>, bool), AppError> {
    let mut own_listing = OwnListing::default();
    let mut people = Vec::new();
    let mut more = false;
    let may_invite = open
        && board
            .own_team
            .as_ref()
            .is_some_and(|t| t.is_lead && t.has_room);
    for s in &board.seekers {
        let region = regions.label(db, &s.province_code, &s.regency_code).await?;
        let agency = s
            .organization_id
            .and_then(|id| names.organizations.get(&id).cloned());
        if s.user_id == user_id {
            own_listing = OwnListing {
                listed: true,
                skills: s.skills.clone(),
                about: s.about.clone(),
                agency: agency.clone().unwrap_or_default(),
                region: region.clone().unwrap_or_default(),
            };
            continue;
        }
        if board.in_a_team.contains(&s.user_id) {
            continue;
        }
        let name = names.people.get(&s.user_id).cloned().unwrap_or_default();
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
        // Past the limit, keep looking only for the reader's own listing.
        if people.len() == LIST_LIMIT {
            more = true;
            continue;
        }
        people.push(SeekerView {
            can_invite: may_invite && !board.asked_people.contains(&s.user_id),
            user_id: s.user_id,
            name,
            agency,
            region,
            skills: s.skills.clone(),
            about: s.about.clone(),
        });
    }
    Ok((own_listing, people, more))
}

/// The teams with room that look for people and match the search, but the reader's own
/// (at most `LIST_LIMIT`; `true` when there are more). `may_ask`: the reader may ask to
/// join a team now.
async fn open_teams(
    db: &DatabaseConnection,
    board: &Board,
    names: &Names,
    regions: &mut Regions,
    search: &str,
    may_ask: bool,
    competition: &competition::Model,
) -> Result<(Vec<OpenTeamView>, bool), AppError> {
    let mut teams = Vec::new();
    let own_team = board.own_team.as_ref().map(|o| o.id);
    for t in &board.open_teams {
        if Some(t.id) == own_team {
            continue;
        }
        let region = regions.label(db, &t.province_code, &t.regency_code).await?;
        let agency = names
            .organizations
            .get(&t.organization_id)
            .cloned()
            .unwrap_or_default();
        let category = t
            .category_option_id
            .and_then(|id| names.options.get(&id).cloned());
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
            return Ok((teams, true));
        }
        teams.push(OpenTeamView {
            can_ask: may_ask && own_team.is_none() && !board.asked_teams.contains(&t.id),
            members: board.size(t.id),
            team_max: competition.team_max,
            id: t.id,
            name: t.name.clone(),
            agency,
            region,
            category,
            wanted_skills: wanted,
        });
    }
    Ok((teams, false))
}

/// Requests waiting for the reader's answer, and those the reader's side sent.
fn requests(
    rows: Vec<join_request::Model>,
    names: &Names,
    lead_of: Option<i32>,
    user_id: i32,
) -> (Vec<RequestView>, Vec<RequestView>) {
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    for r in rows {
        // An invitation is the person's to answer; a request, the lead's.
        let addressed_to_me = if r.from_team {
            r.user_id == user_id
        } else {
            Some(r.team_id) == lead_of
        };
        let view = RequestView {
            id: r.id,
            team_id: r.team_id,
            team_name: names.teams.get(&r.team_id).cloned().unwrap_or_default(),
            person_name: names.people.get(&r.user_id).cloned().unwrap_or_default(),
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
    (incoming, outgoing)
}
