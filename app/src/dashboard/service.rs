//! Gathering a competition's teams and proposals for its organizers.
use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait, Set,
};

use super::{
    csv_field, months_between, Counts, Dashboard, Decision, EligibilityView, Filters, Flag,
    ProposalStatus, Separator, TeamRow,
};
use crate::accounts::CurrentUser;
use crate::authz::service::authorize;
use crate::authz::Action;
use crate::competitions::setup::Eligibility;
use crate::entities::{
    award, competition, eligibility_decision, organization, proposal, proposal_text, province,
    regency, team, team_member, user_account,
};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{wib_stamp, Key, Lang};
use crate::proposals::TITLE;

async fn managed(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
) -> Result<competition::Model, AppError> {
    let row = crate::competitions::queries::by_slug(db, slug).await?;
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

/// The competition's teams (every one, or `only` that one) with their proposal's state
/// and flags, by name.
async fn all_rows(
    db: &DatabaseConnection,
    competition: &competition::Model,
    only: Option<i32>,
    lang: Lang,
) -> Result<Vec<TeamRow>, AppError> {
    let teams = team::Entity::find()
        .filter(team::Column::CompetitionId.eq(competition.id))
        .apply_if(only, |q, id| q.filter(team::Column::Id.eq(id)))
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
    let options = crate::competitions::queries::option_names(db, competition.id, lang).await?;
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
    let awards = earlier_awards(db, competition, teams.iter().map(|t| t.organization_id)).await?;
    let decisions = decisions(db, proposals.values().map(|p| p.id)).await?;
    let eligible = Eligibility::kinds_from_codes(&competition.eligible_kinds);
    Ok(teams
        .into_iter()
        .map(|t| {
            let org = organizations.get(&t.organization_id);
            let proposal = proposals.get(&t.id);
            // No proposal yet counts as a draft.
            let state = proposal.map(|p| p.status).unwrap_or_default();
            let mut flags = Vec::new();
            if let (ProposalStatus::Submitted, Some(p)) = (state, proposal) {
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
                if let Some(max) = competition.max_earlier_wins {
                    if wins_before(&awards, t.organization_id, p.submitted_at) > max as usize {
                        flags.push(Flag::EarlierWins);
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
                decision: proposal
                    .and_then(|p| decisions.get(&p.id))
                    .and_then(|d| d.first())
                    .cloned(),
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
    ProposalStatus::parse(&filters.state).is_none_or(|s| s == row.state)
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

/// Awards won in other competitions by these organizations.
async fn earlier_awards(
    db: &DatabaseConnection,
    competition: &competition::Model,
    organizations: impl Iterator<Item = i32>,
) -> Result<Vec<award::Model>, AppError> {
    Ok(award::Entity::find()
        .filter(award::Column::OrganizationId.is_in(organizations.collect::<Vec<_>>()))
        .filter(award::Column::CompetitionId.ne(competition.id))
        .all(db)
        .await?)
}

/// How many of `awards` the organization won before `at` (the submission).
fn wins_before(
    awards: &[award::Model],
    organization_id: i32,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> usize {
    awards
        .iter()
        .filter(|a| a.organization_id == organization_id && at.is_some_and(|at| a.awarded_at < at))
        .count()
}

/// Every eligibility decision on these proposals, newest first per proposal.
async fn decisions(
    db: &DatabaseConnection,
    proposal_ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, Vec<Decision>>, AppError> {
    let rows = eligibility_decision::Entity::find()
        .filter(eligibility_decision::Column::ProposalId.is_in(proposal_ids.collect::<Vec<_>>()))
        .order_by_desc(eligibility_decision::Column::DecidedAt)
        .order_by_desc(eligibility_decision::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(rows.iter().filter_map(|d| d.decided_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut out: HashMap<i32, Vec<Decision>> = HashMap::new();
    for d in rows {
        out.entry(d.proposal_id).or_default().push(Decision {
            eligible: d.eligible,
            reason: d.reason,
            by: d
                .decided_by
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            at: d.decided_at,
        });
    }
    Ok(out)
}

/// One team's eligibility: its row, the facts behind each rule, every decision.
pub async fn eligibility(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    team_id: i32,
    lang: Lang,
) -> Result<EligibilityView, AppError> {
    let competition = managed(db, by, slug).await?;
    let row = all_rows(db, &competition, Some(team_id), lang)
        .await?
        .into_iter()
        .find(|r| r.id == team_id)
        .ok_or(AppError::NotFound)?;
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposal = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team_id))
        .one(db)
        .await?;
    let mut facts = Vec::new();
    if let Some(org) = organization::Entity::find_by_id(team.organization_id)
        .one(db)
        .await?
    {
        let admitted = Eligibility::kinds_from_codes(&competition.eligible_kinds)
            .into_iter()
            .map(|k| lang.text(k.label()))
            .collect::<Vec<_>>()
            .join(", ");
        facts.push(lang.format(
            Key::DashboardFactAgencyKind,
            &[
                ("kind", lang.text(org.kind.label())),
                ("admitted", &admitted),
            ],
        ));
    }
    let submitted_at = proposal.as_ref().and_then(|p| p.submitted_at);
    match proposal.as_ref().and_then(|p| p.started_on.as_deref()) {
        Some(started) => {
            let months = NaiveDate::parse_from_str(started, "%Y-%m-%d")
                .ok()
                .zip(submitted_at.map(|s| s.date_naive()))
                .map(|(s, a)| months_between(s, a).to_string())
                .unwrap_or_else(|| "—".to_string());
            facts.push(lang.format(
                Key::DashboardFactMonths,
                &[
                    ("date", started),
                    ("months", &months),
                    ("min", &competition.min_months_running.to_string()),
                ],
            ));
        }
        None => facts.push(lang.text(Key::DashboardFactNoStart).to_string()),
    }
    if let Some(max) = competition.max_earlier_wins {
        let awards =
            earlier_awards(db, &competition, std::iter::once(team.organization_id)).await?;
        facts.push(lang.format(
            Key::DashboardFactWins,
            &[
                (
                    "wins",
                    &wins_before(&awards, team.organization_id, submitted_at).to_string(),
                ),
                ("max", &max.to_string()),
            ],
        ));
    }
    let history = match &proposal {
        Some(p) => decisions(db, std::iter::once(p.id))
            .await?
            .remove(&p.id)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(EligibilityView {
        slug: competition.slug.clone(),
        competition_title: lang
            .pick(&competition.title_id, &competition.title_en)
            .to_string(),
        row,
        facts,
        history,
    })
}

/// The organizer decides whether a submitted proposal meets the entry rules; a decision
/// that it does not needs a reason. Every decision is kept; the newest stands. Every
/// member of the team is mailed the decision (with the reason), in its transaction, unless
/// it repeats the standing one word for word.
#[tracing::instrument(skip(db, by, reason, base_url))]
pub async fn decide(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    team_id: i32,
    decision: &str,
    reason: &str,
    base_url: &str,
) -> Result<(), AppError> {
    let competition = managed(db, by, slug).await?;
    let user = by.ok_or(AppError::Unauthorized)?;
    let proposal = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team_id))
        .filter(proposal::Column::CompetitionId.eq(competition.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    errors.keep("decision", decision);
    errors.keep("reason", reason);
    if proposal.status != ProposalStatus::Submitted {
        errors.add("decision", Key::DashboardErrorNotSubmitted);
    }

    let eligible = match decision {
        "eligible" => Some(true),
        "ineligible" => Some(false),
        _ => {
            errors.add("decision", Key::DashboardErrorDecisionRequired);
            None
        }
    };
    let reason = reason.trim().replace("\r\n", "\n");
    if eligible == Some(false) && reason.is_empty() {
        errors.add("reason", Key::DashboardErrorReasonRequired);
    } else if reason.chars().count() > 1000 {
        errors.add("reason", Key::DashboardErrorReasonLength);
    }
    let Some(eligible) = eligible.filter(|_| !errors.has_errors()) else {
        return Err(AppError::Validation(errors));
    };
    let team = team::Entity::find_by_id(team_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin_write(db).await?;
    // Once selection is closed its outcome went out and entries follow from it. (The
    // judging lock first, so a close running now is seen.)
    crate::judging::audit::lock(&txn, competition.id).await?;
    if crate::judging::selection::is_closed(&txn, competition.id).await? {
        return Err(AppError::field(
            "decision",
            Key::JudgingErrorSelectionClosed,
        ));
    }
    // Hold the proposal's row (PostgreSQL: a row lock; SQLite: the write lock) so two
    // decisions at once are taken one after the other and the second sees the first.
    proposal::Entity::update_many()
        .col_expr(proposal::Column::Id, Expr::col(proposal::Column::Id))
        .filter(proposal::Column::Id.eq(proposal.id))
        .exec(&txn)
        .await?;
    // The same decision again (a second click, a resent form) is kept, not mailed again.
    let repeated = eligibility_decision::Entity::find()
        .filter(eligibility_decision::Column::ProposalId.eq(proposal.id))
        .order_by_desc(eligibility_decision::Column::DecidedAt)
        .order_by_desc(eligibility_decision::Column::Id)
        .one(&txn)
        .await?
        .is_some_and(|last| last.eligible == eligible && last.reason == reason);
    eligibility_decision::ActiveModel {
        proposal_id: Set(proposal.id),
        eligible: Set(eligible),
        reason: Set(reason.clone()),
        decided_by: Set(Some(user.id)),
        decided_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let body = match (eligible, reason.is_empty()) {
        (false, _) => Key::MailIneligibleBody,
        (true, true) => Key::MailEligibleBody,
        (true, false) => Key::MailEligibleNoteBody,
    };
    let told = if repeated {
        Vec::new()
    } else {
        crate::teams::queries::members(&txn, team.id).await?
    };
    for person in told {
        let lang = Lang::parse(&person.lang).unwrap_or_default();
        crate::mail::service::enqueue(
            &txn,
            &person.email,
            lang,
            Key::MailEligibilitySubject,
            body,
            &[
                ("name", &person.name),
                ("team", &team.name),
                (
                    "competition",
                    lang.pick(&competition.title_id, &competition.title_en),
                ),
                ("link", &format!("{base_url}/tim/{}/proposal", team.id)),
                ("reason", &reason),
            ],
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The newest decision on a team's proposal, for the team to read.
pub async fn standing_decision(
    db: &DatabaseConnection,
    proposal_id: i32,
) -> Result<Option<Decision>, AppError> {
    Ok(decisions(db, std::iter::once(proposal_id))
        .await?
        .remove(&proposal_id)
        .and_then(|d| d.into_iter().next()))
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
    let rows = all_rows(db, &competition, None, lang).await?;
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

/// The filtered list as CSV (UTF-8 with a byte-order mark, for spreadsheets), columns
/// parted by `separator`, times in WIB as `2026-12-01 22:12 WIB`.
pub async fn csv(
    db: &DatabaseConnection,
    by: Option<&CurrentUser>,
    slug: &str,
    filters: Filters,
    lang: Lang,
    separator: Separator,
) -> Result<(String, String), AppError> {
    let sep = separator.as_str();
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
        Key::DashboardDecision,
        Key::DashboardReason,
    ]
    .map(|k| csv_field(lang.text(k)))
    .join(sep);
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
            row.submitted_at.map(wib_stamp).unwrap_or_default(),
            row.flags
                .iter()
                .map(|f| lang.text(f.label()))
                .collect::<Vec<_>>()
                .join("; "),
            row.decision
                .as_ref()
                .map(|d| lang.text(d.label()).to_string())
                .unwrap_or_default(),
            row.decision.map(|d| d.reason).unwrap_or_default(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(sep),
        );
        out.push_str("\r\n");
    }
    Ok((format!("{}-peserta.csv", board.slug), out))
}
