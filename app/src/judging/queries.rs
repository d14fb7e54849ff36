//! The reads judging shares: the competition an organizer runs, its jurors, the entries
//! of a stage, and the conflict standing of every juror × entry pair.
use std::collections::{HashMap, HashSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::{computed_reasons, standing, ConflictReason, JurorFacts, Place, TeamFacts};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::{Action, Role};
use crate::competitions::Stage;
use crate::entities::{
    affiliation, competition, competition_role, juror_conflict, organization, proposal,
    proposal_text, stage_entry, team, team_supporter, user_account,
};
use crate::error::AppError;
use crate::organizations::AffiliationStatus;
use crate::proposals::TITLE;
use crate::teams::RequestStatus;

/// The competition `slug`, for one of its organizers (`ManageJudging`).
pub async fn managed(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<(competition::Model, CurrentUser), AppError> {
    let row = crate::competitions::queries::by_slug(db, slug).await?;
    let user = authorize(
        db,
        by,
        Action::ManageJudging {
            competition_id: row.id,
        },
    )
    .await?;
    Ok((row, user))
}

/// A judged stage from its code in an address; anything else is not found.
pub fn judged_stage(code: &str) -> Result<Stage, AppError> {
    Stage::JUDGED
        .into_iter()
        .find(|s| s.code() == code)
        .ok_or(AppError::NotFound)
}

/// The competition's jurors (id, name), by name.
pub async fn jurors(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    let ids: Vec<i32> = competition_role::Entity::find()
        .filter(competition_role::Column::CompetitionId.eq(competition_id))
        .filter(competition_role::Column::Role.eq(Role::Juror))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .order_by_asc(user_account::Column::Name)
        .order_by_asc(user_account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// A proposal in a stage, with its team and title.
#[derive(Clone, Debug)]
pub struct Entry {
    pub proposal_id: i32,
    pub team: team::Model,
    pub title: String,
}

/// The proposals in `stage` (or in any stage), by team name.
pub async fn entries(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Option<Stage>,
) -> Result<Vec<Entry>, AppError> {
    let mut query =
        stage_entry::Entity::find().filter(stage_entry::Column::CompetitionId.eq(competition_id));
    if let Some(stage) = stage {
        query = query.filter(stage_entry::Column::Stage.eq(stage));
    }
    let ids: HashSet<i32> = query
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.proposal_id)
        .collect();
    // A proposal withdrawn since is not judged.
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids.iter().copied()))
        .filter(proposal::Column::Status.eq(crate::proposals::ProposalStatus::Submitted))
        .all(db)
        .await?;
    let teams: HashMap<i32, team::Model> = team::Entity::find()
        .filter(team::Column::Id.is_in(proposals.iter().map(|p| p.team_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let titles: HashMap<i32, String> = proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.is_in(ids.iter().copied()))
        .filter(proposal_text::Column::Part.eq(TITLE))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.proposal_id, t.body))
        .collect();
    let mut out: Vec<Entry> = proposals
        .into_iter()
        .filter_map(|p| {
            Some(Entry {
                proposal_id: p.id,
                title: titles.get(&p.id).cloned().unwrap_or_default(),
                team: teams.get(&p.team_id)?.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.team.name_key.cmp(&b.team.name_key));
    Ok(out)
}

/// A juror × entry pair's conflict standing.
#[derive(Clone, Debug, Default)]
pub struct Pair {
    pub computed: Vec<ConflictReason>,
    pub decision: Option<juror_conflict::Model>,
    /// What stands once the newest decision is applied: a conflict when not empty.
    pub reasons: Vec<ConflictReason>,
}

fn place(o: &organization::Model) -> Place {
    Place {
        id: o.id,
        kind: o.kind,
        province: o.province_code.clone(),
        regency: o.regency_code.clone(),
    }
}

/// The organizations that approved each person's affiliation.
async fn approved_places(
    db: &impl ConnectionTrait,
    people: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Vec<Place>>, AppError> {
    let rows = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.is_in(people))
        .filter(affiliation::Column::Status.eq(AffiliationStatus::Approved))
        .all(db)
        .await?;
    let places: HashMap<i32, Place> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(rows.iter().map(|a| a.organization_id)))
        .all(db)
        .await?
        .iter()
        .map(|o| (o.id, place(o)))
        .collect();
    let mut out: HashMap<i32, Vec<Place>> = HashMap::new();
    for row in rows {
        if let Some(p) = places.get(&row.organization_id) {
            out.entry(row.user_id).or_default().push(p.clone());
        }
    }
    Ok(out)
}

/// Every pair of `jurors` × `entries` that has a conflict or a decision, keyed by
/// (juror id, proposal id).
pub async fn conflicts(
    db: &impl ConnectionTrait,
    competition_id: i32,
    jurors: &[i32],
    entries: &[Entry],
) -> Result<HashMap<(i32, i32), Pair>, AppError> {
    let juror_places = approved_places(db, jurors.iter().copied()).await?;
    let supporters = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.is_in(entries.iter().map(|e| e.team.id)))
        .filter(
            team_supporter::Column::Status.is_in([RequestStatus::Accepted, RequestStatus::Ended]),
        )
        .all(db)
        .await?;
    let supporter_places = approved_places(db, supporters.iter().map(|s| s.user_id)).await?;
    let agencies: HashMap<i32, Place> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(entries.iter().map(|e| e.team.organization_id)))
        .all(db)
        .await?
        .iter()
        .map(|o| (o.id, place(o)))
        .collect();
    let mut newest: HashMap<(i32, i32), juror_conflict::Model> = HashMap::new();
    for row in juror_conflict::Entity::find()
        .filter(juror_conflict::Column::CompetitionId.eq(competition_id))
        .order_by_asc(juror_conflict::Column::DecidedAt)
        .order_by_asc(juror_conflict::Column::Id)
        .all(db)
        .await?
    {
        newest.insert((row.juror_id, row.proposal_id), row);
    }
    let mut out = HashMap::new();
    for entry in entries {
        let Some(agency) = agencies.get(&entry.team.organization_id) else {
            continue;
        };
        let team_supporters: Vec<&team_supporter::Model> = supporters
            .iter()
            .filter(|s| s.team_id == entry.team.id)
            .collect();
        let facts = TeamFacts {
            agency: agency.clone(),
            supporters: team_supporters.iter().map(|s| s.user_id).collect(),
            supporter_organizations: team_supporters
                .iter()
                .flat_map(|s| supporter_places.get(&s.user_id).into_iter().flatten())
                .map(|p| p.id)
                .collect(),
        };
        for &juror in jurors {
            let computed = computed_reasons(
                &JurorFacts {
                    user_id: juror,
                    organizations: juror_places.get(&juror).cloned().unwrap_or_default(),
                },
                &facts,
            );
            let decision = newest.remove(&(juror, entry.proposal_id));
            if computed.is_empty() && decision.is_none() {
                continue;
            }
            let lifted = decision
                .as_ref()
                .map(|d| ConflictReason::parse_list(&d.lifted_reasons))
                .unwrap_or_default();
            let reasons = standing(computed.clone(), decision.as_ref().map(|d| d.kind), &lifted);
            out.insert(
                (juror, entry.proposal_id),
                Pair {
                    computed,
                    decision,
                    reasons,
                },
            );
        }
    }
    Ok(out)
}

/// Names of people by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// Whether a judged stage was closed by its shortlist (its sheets and assignments no
/// longer change).
pub async fn stage_closed(
    db: &impl ConnectionTrait,
    competition_id: i32,
    stage: Stage,
) -> Result<bool, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(crate::entities::shortlist::Entity::find()
        .filter(crate::entities::shortlist::Column::CompetitionId.eq(competition_id))
        .filter(crate::entities::shortlist::Column::FromStage.eq(stage))
        .count(db)
        .await?
        > 0)
}

/// The judged stages closed by their shortlists.
pub async fn closed_stages(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<Vec<Stage>, AppError> {
    Ok(crate::entities::shortlist::Entity::find()
        .filter(crate::entities::shortlist::Column::CompetitionId.eq(competition_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.from_stage)
        .collect())
}
