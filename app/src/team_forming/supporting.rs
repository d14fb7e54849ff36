//! The looking-for-team page as a mentor or partner of the competition reads it: every
//! team (not only those looking for members), each with the request or offer that
//! already links the reader to it, so they offer support where none does.
use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{matches, SupportableTeam, LIST_LIMIT};
use crate::entities::{competition, organization, team, team_member, team_supporter};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::organizations::service::region_label;

/// The competition's teams that match the search, by name (at most `LIST_LIMIT`; `true`
/// when there are more).
pub async fn supportable_teams(
    db: &DatabaseConnection,
    competition: &competition::Model,
    user_id: i32,
    search: &str,
    lang: Lang,
) -> Result<(Vec<SupportableTeam>, bool), AppError> {
    let teams = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?;
    let team_ids: Vec<i32> = teams.iter().map(|t| t.id).collect();
    let links: HashMap<i32, team_supporter::Model> = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(user_id))
        .filter(team_supporter::Column::TeamId.is_in(team_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.team_id, s))
        .collect();
    let mut sizes: HashMap<i32, usize> = HashMap::new();
    for m in team_member::Entity::find()
        .filter(team_member::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
    {
        *sizes.entry(m.team_id).or_default() += 1;
    }
    let agencies: HashMap<i32, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(teams.iter().map(|t| t.organization_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let options = crate::competitions::queries::option_names(db, competition.id, lang).await?;
    let mut regions: HashMap<(Option<String>, Option<String>), Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for t in teams {
        let place = (t.province_code.clone(), t.regency_code.clone());
        let region = match regions.get(&place) {
            Some(label) => label.clone(),
            None => {
                let label = region_label(db, place.0.as_deref(), place.1.as_deref()).await?;
                regions.insert(place, label.clone());
                label
            }
        };
        let agency = agencies
            .get(&t.organization_id)
            .cloned()
            .unwrap_or_default();
        let category = t
            .category_option_id
            .and_then(|id| options.get(&id).cloned());
        let haystack = format!(
            "{} {agency} {} {}",
            t.name,
            region.as_deref().unwrap_or(""),
            category.as_deref().unwrap_or("")
        );
        if !matches(search, &haystack) {
            continue;
        }
        if out.len() == LIST_LIMIT {
            return Ok((out, true));
        }
        out.push(SupportableTeam {
            link: links.get(&t.id).map(|s| (s.status, s.from_supporter)),
            members: sizes.get(&t.id).copied().unwrap_or(0),
            id: t.id,
            name: t.name,
            agency,
            region,
            category,
        });
    }
    Ok((out, false))
}
