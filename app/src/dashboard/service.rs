//! Gathering a competition's teams and proposals for its organizers.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{csv_field, months_between, Counts, Dashboard, Filters, Flag, ProposalState, TeamRow};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::Action;
use crate::competitions::setup::Eligibility;
use crate::entities::{
    competition, competition_option, organization, proposal, proposal_text, province, regency,
    team, team_member,
};
use crate::error::AppError;
use crate::i18n::{Key, Lang};
use crate::proposals::{SUBMITTED, TITLE, WITHDRAWN};

async fn managed(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<competition::Model, AppError> {
    let row = competition::Entity::find()
        .filter(competition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    authorize(
        db,
        by,
        Action::EditCompetition {
            competition_id: row.id,
        },
    )
    .await?;
    Ok(row)
}

/// Every team of the competition with its proposal's state and flags, by name.
async fn all_rows(
    db: &DatabaseConnection,
    competition: &competition::Model,
    lang: Lang,
) -> Result<Vec<TeamRow>, AppError> {
    let teams = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .order_by_asc(team::Column::NameKey)
        .all(db)
        .await?;
    let organizations: HashMap<i32, organization::Model> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(teams.iter().map(|t| t.organization_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let options: HashMap<i32, String> = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, lang.pick(&o.name_id, &o.name_en).to_string()))
        .collect();
    let provinces: HashMap<String, String> = province::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, p.name))
        .collect();
    let regencies: HashMap<String, String> = regency::Entity::find()
        .filter(regency::Column::Code.is_in(teams.iter().filter_map(|t| t.regency_code.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let challenges: HashMap<i32, String> = crate::entities::challenge::Entity::find()
        .filter(crate::entities::challenge::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.title))
        .collect();
    let mut members: HashMap<i32, usize> = HashMap::new();
    for m in team_member::Entity::find()
        .filter(team_member::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
    {
        *members.entry(m.team_id).or_default() += 1;
    }
    let proposals: HashMap<i32, proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::CompetitionId.eq(competition.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.team_id, p))
        .collect();
    let titles: HashMap<i32, String> = proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.is_in(proposals.values().map(|p| p.id)))
        .filter(proposal_text::Column::Part.eq(TITLE))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.proposal_id, t.body))
        .collect();
    let eligible = Eligibility::kinds_from_codes(&competition.eligible_kinds);
    Ok(teams
        .into_iter()
        .map(|t| {
            let org = organizations.get(&t.organization_id);
            let proposal = proposals.get(&t.id);
            let state = match proposal.map(|p| p.status.as_str()) {
                Some(SUBMITTED) => ProposalState::Submitted,
                Some(WITHDRAWN) => ProposalState::Withdrawn,
                _ => ProposalState::Draft,
            };
            let mut flags = Vec::new();
            if let (ProposalState::Submitted, Some(p)) = (state, proposal) {
                if org.is_some_and(|o| !eligible.contains(&o.kind)) {
                    flags.push(Flag::AgencyKind);
                }
                if competition.min_months_running > 0 {
                    let started = p
                        .started_on
                        .as_deref()
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                    let at = p.submitted_at.map(|s| s.date_naive());
                    let enough = matches!((started, at), (Some(s), Some(a))
                        if months_between(s, a) >= competition.min_months_running);
                    if !enough {
                        flags.push(Flag::MonthsRunning);
                    }
                }
            }
            let province = t
                .province_code
                .as_ref()
                .and_then(|c| provinces.get(c))
                .cloned()
                .unwrap_or_default();
            let regency = t.regency_code.as_ref().and_then(|c| regencies.get(c));
            let region = crate::organizations::region_text(regency.map(String::as_str), &province);
            TeamRow {
                id: t.id,
                agency: org.map(|o| o.name.clone()).unwrap_or_default(),
                region,
                province,
                category: t
                    .category_option_id
                    .and_then(|id| options.get(&id))
                    .cloned()
                    .unwrap_or_default(),
                group: t
                    .group_option_id
                    .and_then(|id| options.get(&id))
                    .cloned()
                    .unwrap_or_default(),
                members: members.get(&t.id).copied().unwrap_or(0),
                state,
                title: proposal
                    .and_then(|p| titles.get(&p.id))
                    .cloned()
                    .unwrap_or_default(),
                submitted_at: proposal.and_then(|p| p.submitted_at),
                flags,
                challenge: t
                    .challenge_id
                    .and_then(|id| challenges.get(&id))
                    .cloned()
                    .unwrap_or_default(),
                name: t.name,
            }
        })
        .collect())
}

fn keep(row: &TeamRow, filters: &Filters) -> bool {
    let search = filters.search.trim().to_lowercase();
    ProposalState::parse(&filters.state).is_none_or(|s| s == row.state)
        && (filters.category.is_empty() || filters.category == row.category)
        && (filters.province.is_empty() || filters.province == row.province)
        && (filters.flagged != "1" || !row.flags.is_empty())
        && (search.is_empty()
            || row.name.to_lowercase().contains(&search)
            || row.agency.to_lowercase().contains(&search)
            || row.title.to_lowercase().contains(&search))
}

fn grouped(rows: &[TeamRow], key: impl Fn(&TeamRow) -> String) -> Vec<(String, Counts)> {
    let mut out: Vec<(String, Counts)> = Vec::new();
    for row in rows {
        let name = key(row);
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, counts)) => counts.add(row.state),
            None => {
                let mut counts = Counts::default();
                counts.add(row.state);
                out.push((name, counts));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The dashboard: totals and breakdowns over every team, the list filtered.
pub async fn dashboard(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    filters: Filters,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    let competition = managed(db, by, slug).await?;
    let rows = all_rows(db, &competition, lang).await?;
    let mut totals = Counts::default();
    for row in &rows {
        totals.add(row.state);
    }
    let by_category = grouped(&rows, |r| r.category.clone());
    let by_province = grouped(&rows, |r| r.province.clone());
    Ok(Dashboard {
        slug: competition.slug.clone(),
        title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        totals,
        categories: by_category.iter().map(|(n, _)| n.clone()).collect(),
        provinces: by_province.iter().map(|(n, _)| n.clone()).collect(),
        by_category,
        by_province,
        rows: rows.into_iter().filter(|r| keep(r, &filters)).collect(),
        filters,
    })
}

/// The filtered list as CSV (UTF-8 with a byte-order mark, for spreadsheets).
pub async fn csv(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    filters: Filters,
    lang: Lang,
) -> Result<(String, String), AppError> {
    let board = dashboard(db, by, slug, filters, lang).await?;
    let header = [
        Key::CompetitionTeamName,
        Key::TeamsAgency,
        Key::TeamsRegion,
        Key::TeamsCategory,
        Key::TeamsGroup,
        Key::DashboardMembers,
        Key::ProposalsStatus,
        Key::ProposalsTitleLabel,
        Key::DashboardChallenge,
        Key::DashboardSubmittedAt,
        Key::DashboardFlags,
    ]
    .map(|k| csv_field(lang.text(k)))
    .join(",");
    let mut out = String::from("\u{feff}");
    out.push_str(&header);
    out.push_str("\r\n");
    for row in board.rows {
        let fields = [
            row.name,
            row.agency,
            row.region,
            row.category,
            row.group,
            row.members.to_string(),
            lang.text(row.state.label()).to_string(),
            row.title,
            row.challenge,
            row.submitted_at.map(|a| a.to_rfc3339()).unwrap_or_default(),
            row.flags
                .iter()
                .map(|f| lang.text(f.label()))
                .collect::<Vec<_>>()
                .join("; "),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    Ok((format!("{}-peserta.csv", board.slug), out))
}
