//! Reading teams: a competition's registration window, a person's team, a team's size,
//! and the reader's own teams. Other areas (team forming, challenges) read through here.
use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::{Choice, MyTeams, RequestStatus, SupporterView, TeamSummary};
use crate::accounts::CurrentUser;
use crate::authz::team::leads;
use crate::competitions::queries::option_rows;
use crate::competitions::{CompetitionStatus, OptionKind, Stage, StagePhase};
use crate::entities::{
    competition, competition_stage, team, team_member, team_supporter, user_account,
};
use crate::error::AppError;
use crate::i18n::Lang;

pub fn title(row: &competition::Model, lang: Lang) -> String {
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

pub async fn choices(
    db: &DatabaseConnection,
    competition_id: i32,
    kind: OptionKind,
    lang: Lang,
) -> Result<Vec<Choice>, AppError> {
    Ok(option_rows(db, competition_id, kind)
        .await?
        .into_iter()
        .map(|o| Choice {
            id: o.id,
            name: lang.pick(&o.name_id, &o.name_en).to_string(),
        })
        .collect())
}

/// The person's team in a competition, if any.
pub async fn membership(
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

pub async fn team_and_competition(
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

/// Holds the team's row for the rest of the transaction (PostgreSQL: a row lock;
/// SQLite: the database write lock), so size checks and inserts cannot interleave.
pub async fn lock_team(db: &impl ConnectionTrait, team_id: i32) -> Result<(), AppError> {
    team::Entity::update_many()
        .col_expr(team::Column::Name, Expr::col(team::Column::Name))
        .filter(team::Column::Id.eq(team_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn member_count(db: &impl ConnectionTrait, team_id: i32) -> Result<u64, AppError> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .count(db)
        .await?)
}

/// The accounts of a team's members (the lead among them), for mailing them all.
pub async fn members(
    db: &impl ConnectionTrait,
    team_id: i32,
) -> Result<Vec<user_account::Model>, AppError> {
    Ok(members_of(db, team_member::Column::TeamId.eq(team_id))
        .await?
        .remove(&team_id)
        .unwrap_or_default())
}

/// The accounts of the members of every team in a competition, by team.
pub async fn members_by_team(
    db: &impl ConnectionTrait,
    competition_id: i32,
) -> Result<HashMap<i32, Vec<user_account::Model>>, AppError> {
    members_of(db, team_member::Column::CompetitionId.eq(competition_id)).await
}

async fn members_of(
    db: &impl ConnectionTrait,
    which: impl sea_orm::sea_query::IntoCondition,
) -> Result<HashMap<i32, Vec<user_account::Model>>, AppError> {
    let rows = team_member::Entity::find()
        .filter(which)
        .order_by_asc(team_member::Column::Id)
        .find_also_related(user_account::Entity)
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<user_account::Model>> = HashMap::new();
    for (member, account) in rows {
        if let Some(account) = account {
            out.entry(member.team_id).or_default().push(account);
        }
    }
    Ok(out)
}

/// The reader's teams: those they are in, those they support, and the requests and
/// offers of support between them and teams, newest first.
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
    let mut mine = MyTeams {
        member_of: memberships
            .into_iter()
            .filter_map(|(_, t)| t.map(|t| summary(t.clone(), leads(&t, user.id), None)))
            .collect(),
        ..MyTeams::default()
    };
    for (s, t) in supports {
        let Some(t) = t else { continue };
        let list = match (s.status, s.from_supporter) {
            (RequestStatus::Accepted, _) => &mut mine.supporting,
            (RequestStatus::Requested, false) => &mut mine.asked,
            (RequestStatus::Requested, true) => &mut mine.offered,
            _ => &mut mine.earlier,
        };
        let view = SupporterView {
            id: s.id,
            name: user.name.clone(),
            role: s.role,
            status: s.status,
            offered: s.from_supporter,
        };
        list.push(summary(t, false, Some(view)));
    }
    Ok(mine)
}
