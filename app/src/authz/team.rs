//! How a person stands towards a team, and where its competition is in time: the one
//! question every team page and service asks before it reads or changes a team's things
//! (its members, supporters, proposal, comments, challenge, requests to join).
//!
//! The lead is `team.lead_user_id`, nowhere else. Judging adds the assigned juror here.
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::service::can;
use super::{Action, Role};
use crate::accounts::CurrentUser;
use crate::competitions::{Stage, StagePhase};
use crate::entities::{competition, competition_stage, team, team_member, team_supporter};
use crate::error::AppError;
use crate::teams::RequestStatus;

/// A person's standing towards one team. When someone is several of these (an organizer
/// who is also a member), the first in this order wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamStanding {
    Lead,
    Member,
    /// An accepted mentor (`Role::Mentor`) or partner (`Role::Partner`) of the team.
    Supporter(Role),
    /// An organizer of the team's competition, or a platform admin.
    Organizer,
    /// None of the above: may see nothing of the team beyond what is public.
    Stranger,
}

impl TeamStanding {
    /// The lead and the members: they write the proposal and hold the team.
    pub fn is_member(self) -> bool {
        matches!(self, TeamStanding::Lead | TeamStanding::Member)
    }

    /// Everyone but a stranger reads the team and its proposal.
    pub fn reads(self) -> bool {
        self != TeamStanding::Stranger
    }

    /// Members and accepted supporters comment on the proposal; organizers read only.
    pub fn comments(self) -> bool {
        self.is_member() || matches!(self, TeamStanding::Supporter(_))
    }
}

/// The competition's dated stages, read once, judged by one clock.
#[derive(Clone, Debug)]
pub struct Phase {
    pub now: DateTime<Utc>,
    stages: Vec<(Stage, DateTime<Utc>, DateTime<Utc>)>,
}

impl Phase {
    /// A stage's dates, when the organizer set them.
    pub fn window(&self, stage: Stage) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.stages
            .iter()
            .find(|(s, _, _)| *s == stage)
            .map(|&(_, starts, ends)| (starts, ends))
    }

    /// Where a stage stands now; `None` when it is not dated.
    pub fn of(&self, stage: Stage) -> Option<StagePhase> {
        self.window(stage)
            .map(|(starts, ends)| StagePhase::at(starts, ends, self.now))
    }

    /// When the first stage after submission (judging) starts, if any is dated.
    pub fn judging_starts(&self) -> Option<DateTime<Utc>> {
        self.stages
            .iter()
            .filter(|(s, _, _)| *s > Stage::Submission)
            .map(|&(_, starts, _)| starts)
            .min()
    }
}

/// Everything a team's service needs to decide: who asks, the team, its competition,
/// the asker's standing and the competition's phase.
#[derive(Clone, Debug)]
pub struct TeamAccess {
    pub user: CurrentUser,
    pub team: team::Model,
    pub competition: competition::Model,
    pub standing: TeamStanding,
    pub phase: Phase,
}

impl TeamAccess {
    /// Refuses a stranger (`Forbidden`).
    pub fn reader(self) -> Result<TeamAccess, AppError> {
        let allowed = self.standing.reads();
        self.require(allowed)
    }

    /// Refuses anyone but a member or the lead (`Forbidden`).
    pub fn member(self) -> Result<TeamAccess, AppError> {
        let allowed = self.standing.is_member();
        self.require(allowed)
    }

    /// Refuses anyone but the lead (`Forbidden`).
    pub fn lead(self) -> Result<TeamAccess, AppError> {
        let allowed = self.standing == TeamStanding::Lead;
        self.require(allowed)
    }

    fn require(self, allowed: bool) -> Result<TeamAccess, AppError> {
        if allowed {
            Ok(self)
        } else {
            tracing::warn!(user = self.user.id, team = self.team.id, standing = ?self.standing, "forbidden");
            Err(AppError::Forbidden)
        }
    }
}

/// `Unauthorized` when signed out, `NotFound` for no such team; otherwise the asker's
/// access, strangers included (the caller says what it requires).
pub async fn team_access(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    team_id: i32,
) -> Result<TeamAccess, AppError> {
    let user = by.ok_or(AppError::Unauthorized)?;
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    access_to(db, user, team).await
}

/// The same for a team already loaded.
pub async fn access_to(
    db: &DatabaseConnection,
    user: &CurrentUser,
    team: team::Model,
) -> Result<TeamAccess, AppError> {
    let competition = competition::Entity::find_by_id(team.competition_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let standing = standing(db, user, &team).await?;
    let stages = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.stage, s.starts_at, s.ends_at))
        .collect();
    Ok(TeamAccess {
        user: user.clone(),
        team,
        competition,
        standing,
        phase: Phase {
            now: Utc::now(),
            stages,
        },
    })
}

/// Whether `user_id` leads `team` (the lead is stored once, on the team).
pub fn leads(team: &team::Model, user_id: i32) -> bool {
    team.lead_user_id == Some(user_id)
}

/// How `user` stands towards `team`.
pub async fn standing(
    db: &DatabaseConnection,
    user: &CurrentUser,
    team: &team::Model,
) -> Result<TeamStanding, AppError> {
    if leads(team, user.id) {
        return Ok(TeamStanding::Lead);
    }
    let member = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(user.id))
        .count(db)
        .await?
        > 0;
    if member {
        return Ok(TeamStanding::Member);
    }
    // Only an accepted supporter stands by the team; one asked, declined or ended does not.
    let supporter = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team.id))
        .filter(team_supporter::Column::UserId.eq(user.id))
        .filter(team_supporter::Column::Status.eq(RequestStatus::Accepted))
        .one(db)
        .await?;
    if let Some(s) = supporter {
        return Ok(TeamStanding::Supporter(s.role));
    }
    let competition_id = team.competition_id;
    if can(db, user, Action::EditCompetition { competition_id }).await? {
        return Ok(TeamStanding::Organizer);
    }
    Ok(TeamStanding::Stranger)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn who_reads_writes_and_comments() {
        use TeamStanding::*;
        let all = [
            Lead,
            Member,
            Supporter(Role::Mentor),
            Supporter(Role::Partner),
            Organizer,
            Stranger,
        ];
        let members: Vec<_> = all.into_iter().filter(|s| s.is_member()).collect();
        assert_eq!(members, [Lead, Member]);
        let readers: Vec<_> = all.into_iter().filter(|s| s.reads()).collect();
        assert_eq!(readers.len(), 5);
        assert!(!Stranger.reads());
        let commenters: Vec<_> = all.into_iter().filter(|s| s.comments()).collect();
        assert_eq!(
            commenters,
            [
                Lead,
                Member,
                Supporter(Role::Mentor),
                Supporter(Role::Partner)
            ]
        );
    }

    #[test]
    fn the_phase_reads_dated_stages_by_one_clock() {
        let now = Utc::now();
        let phase = Phase {
            now,
            stages: vec![
                (
                    Stage::Submission,
                    now - Duration::days(2),
                    now + Duration::days(1),
                ),
                (
                    Stage::Presentation,
                    now + Duration::days(9),
                    now + Duration::days(10),
                ),
                (
                    Stage::DeskEvaluation,
                    now + Duration::days(3),
                    now + Duration::days(5),
                ),
            ],
        };
        assert_eq!(phase.of(Stage::Submission), Some(StagePhase::Running));
        assert_eq!(phase.of(Stage::Presentation), Some(StagePhase::Upcoming));
        assert_eq!(phase.of(Stage::Registration), None);
        assert_eq!(phase.judging_starts(), Some(now + Duration::days(3)));
    }
}
