//! Judging: who goes on from administrative selection, conflicts of interest, who judges
//! what, and the chained record of every judging decision. Pages for organizers under
//! `/kelola/{slug}/penilaian` and `/kelola/{slug}/konflik`, for jurors under `/penilaian`.
//!
//! Types and pure rules live here; services are server-only: `queries` (the reads),
//! `selection` (closing administrative selection), `conflicts` (facts and decisions),
//! `assignments` (runs of the planner in `assign`, and changes by hand), `audit` (the
//! hash chain), `juror` (a juror's own desk).
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::competitions::Stage;
use crate::i18n::Key;
use crate::organizations::OrganizationKind;

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod assign;
#[cfg(feature = "ssr")]
pub mod assignments;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod conflicts;
#[cfg(feature = "ssr")]
pub mod juror;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod selection;

/// How a proposal came into a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum EntrySource {
    /// It passed administrative selection.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "selection"))]
    Selection,
    /// The organizer put it on the shortlist.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "shortlist"))]
    Shortlist,
}

/// A conflict decision made by a person (computed conflicts are not stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum ConflictKind {
    /// The juror said so.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "declared"))]
    Declared,
    /// An organizer added it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "added"))]
    Added,
    /// An organizer lifted every conflict of the pair.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "lifted"))]
    Lifted,
}

impl ConflictKind {
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::Declared => "declared",
            ConflictKind::Added => "added",
            ConflictKind::Lifted => "lifted",
        }
    }

    pub fn label(self) -> Key {
        match self {
            ConflictKind::Declared => Key::JudgingConflictDeclared,
            ConflictKind::Added => Key::JudgingConflictAdded,
            ConflictKind::Lifted => Key::JudgingConflictLifted,
        }
    }
}

/// How an assignment was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AssignmentSource {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "auto"))]
    Auto,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "manual"))]
    Manual,
}

impl AssignmentSource {
    pub fn label(self) -> Key {
        match self {
            AssignmentSource::Auto => Key::JudgingSourceAuto,
            AssignmentSource::Manual => Key::JudgingSourceManual,
        }
    }
}

/// Why a juror may not judge a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ConflictReason {
    /// The juror belongs to the team's agency.
    SameAgency,
    /// The juror's government and the team's agency are in the same regency or city.
    SameRegency,
    /// Same province, where either is a provincial government.
    SameProvince,
    /// The juror's university or company is that of the team's mentor or partner.
    SupporterOrganization,
    /// The juror mentors or partners (or did) the team.
    SupportedTeam,
    Declared,
    Added,
}

impl ConflictReason {
    pub fn label(self) -> Key {
        match self {
            ConflictReason::SameAgency => Key::JudgingReasonSameAgency,
            ConflictReason::SameRegency => Key::JudgingReasonSameRegency,
            ConflictReason::SameProvince => Key::JudgingReasonSameProvince,
            ConflictReason::SupporterOrganization => Key::JudgingReasonSupporterOrganization,
            ConflictReason::SupportedTeam => Key::JudgingReasonSupportedTeam,
            ConflictReason::Declared => Key::JudgingReasonDeclared,
            ConflictReason::Added => Key::JudgingReasonAdded,
        }
    }
}

/// An organization as the conflict rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub id: i32,
    pub kind: OrganizationKind,
    pub province: Option<String>,
    pub regency: Option<String>,
}

impl Place {
    fn is_regional_government(&self) -> bool {
        matches!(
            self.kind,
            OrganizationKind::Province | OrganizationKind::Regency | OrganizationKind::AgencyUnit
        )
    }

    /// The province, read from the regency's code (`12.71` is in `12`) when not stored.
    fn province(&self) -> Option<&str> {
        self.province
            .as_deref()
            .or_else(|| self.regency.as_deref().and_then(|r| r.split('.').next()))
    }
}

/// What the rules know of a juror: the organizations that approved their affiliation.
#[derive(Clone, Debug, Default)]
pub struct JurorFacts {
    pub user_id: i32,
    pub organizations: Vec<Place>,
}

/// What the rules know of a team: its agency, the people who support or supported it
/// (accepted, or ended after acceptance), and those people's approved organizations.
#[derive(Clone, Debug)]
pub struct TeamFacts {
    pub agency: Place,
    pub supporters: Vec<i32>,
    pub supporter_organizations: Vec<i32>,
}

/// The conflicts the facts show, before any decision by a person.
pub fn computed_reasons(juror: &JurorFacts, team: &TeamFacts) -> Vec<ConflictReason> {
    let mut reasons = Vec::new();
    let agency = &team.agency;
    for place in &juror.organizations {
        if place.id == agency.id {
            reasons.push(ConflictReason::SameAgency);
        } else if place.is_regional_government() && agency.is_regional_government() {
            if place.regency.is_some() && place.regency == agency.regency {
                reasons.push(ConflictReason::SameRegency);
            } else if (place.kind == OrganizationKind::Province
                || agency.kind == OrganizationKind::Province)
                && place.province().is_some()
                && place.province() == agency.province()
            {
                reasons.push(ConflictReason::SameProvince);
            }
        }
        if matches!(
            place.kind,
            OrganizationKind::University | OrganizationKind::Company
        ) && team.supporter_organizations.contains(&place.id)
        {
            reasons.push(ConflictReason::SupporterOrganization);
        }
    }
    if team.supporters.contains(&juror.user_id) {
        reasons.push(ConflictReason::SupportedTeam);
    }
    reasons.sort();
    reasons.dedup();
    reasons
}

/// A pair's standing once people's decisions are applied: the newest decision stands. A
/// declared or added conflict joins the computed reasons; a lift clears them all.
pub fn standing(
    computed: Vec<ConflictReason>,
    newest: Option<ConflictKind>,
) -> Vec<ConflictReason> {
    let mut reasons = computed;
    match newest {
        Some(ConflictKind::Lifted) => reasons.clear(),
        Some(ConflictKind::Declared) => reasons.push(ConflictReason::Declared),
        Some(ConflictKind::Added) => reasons.push(ConflictReason::Added),
        None => {}
    }
    reasons.sort();
    reasons.dedup();
    reasons
}

/// The longest reason a person may give for a conflict decision.
pub const REASON_LIMIT: usize = 1000;

/// A juror, as organizers see them on a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorRow {
    pub id: i32,
    pub name: String,
    pub load: usize,
    pub conflicts: usize,
    pub expertise: Vec<String>,
}

/// A juror assigned to an entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assigned {
    pub juror_id: i32,
    pub name: String,
    pub source: AssignmentSource,
}

/// A conflicted juror of an entry, with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflicted {
    pub juror_id: i32,
    pub name: String,
    pub reasons: Vec<ConflictReason>,
}

/// A proposal in a stage, with its jurors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryRow {
    pub proposal_id: i32,
    pub team_id: i32,
    pub team: String,
    pub title: String,
    pub category: String,
    pub jurors: Vec<Assigned>,
    pub conflicted: Vec<Conflicted>,
}

/// The newest run of the planner on a stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub seed: i64,
    pub k: i32,
    pub max_load: i32,
    pub fingerprint: String,
    pub added: i32,
    pub short: i32,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// An entry that has fewer jurors than the newest run asked for, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortView {
    pub team: String,
    pub assigned: usize,
    pub free: usize,
}

/// `/kelola/{slug}/penilaian/{stage}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageView {
    pub slug: String,
    pub title: String,
    pub stage: Stage,
    pub entries: Vec<EntryRow>,
    pub jurors: Vec<JurorRow>,
    pub run: Option<RunView>,
    pub shortfalls: Vec<ShortView>,
}

/// Administrative selection's counts and standing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelectionView {
    pub submitted: usize,
    pub eligible: usize,
    pub ineligible: usize,
    pub undecided: usize,
    /// Who closed it, and when.
    pub closed: Option<(String, DateTime<Utc>)>,
}

/// One judged stage on the overview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageSummary {
    pub stage: Stage,
    pub entries: usize,
    pub assignments: usize,
}

/// One decision on the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    pub seq: i32,
    pub at: DateTime<Utc>,
    pub by: String,
    pub kind: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// Whether the record still hashes to its stored chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub entries: i32,
    pub head: String,
    /// The first sequence number whose row does not hash as stored (or is missing).
    pub broken_at: Option<i32>,
}

/// `/kelola/{slug}/penilaian`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JudgingOverview {
    pub slug: String,
    pub title: String,
    pub selection: SelectionView,
    pub stages: Vec<StageSummary>,
    pub jurors: usize,
    pub chain: ChainCheck,
    pub recent: Vec<AuditLine>,
}

/// One juror × proposal pair with a conflict, or a decision, on `/kelola/{slug}/konflik`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictRow {
    pub juror_id: i32,
    pub juror: String,
    pub proposal_id: i32,
    pub team: String,
    /// The reasons that stand (empty when lifted).
    pub reasons: Vec<ConflictReason>,
    /// The reasons the facts show, before people's decisions.
    pub computed: Vec<ConflictReason>,
    /// The newest decision by a person: what, why, who, when.
    pub decision: Option<(ConflictKind, String, String, DateTime<Utc>)>,
}

/// `/kelola/{slug}/konflik`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictsView {
    pub slug: String,
    pub title: String,
    pub rows: Vec<ConflictRow>,
    pub jurors: Vec<(i32, String)>,
    pub entries: Vec<(i32, String)>,
}

/// A proposal assigned to the juror who reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAssignment {
    pub stage: Stage,
    pub proposal_id: i32,
    /// The team and the proposal's title.
    pub title: String,
    pub category: String,
}

/// A competition a person judges, on `/penilaian`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorCompetition {
    pub slug: String,
    pub title: String,
    pub assignments: Vec<MyAssignment>,
}

/// `/penilaian/{slug}`: the juror's assignments, the categories they know, and the
/// conflicts they declared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JurorDesk {
    pub slug: String,
    pub title: String,
    pub assignments: Vec<MyAssignment>,
    /// Every category with whether the juror said they know it.
    pub categories: Vec<(i32, String, bool)>,
    /// Entries the juror may declare a conflict with (proposal id, team and title).
    pub entries: Vec<(i32, String)>,
    /// The juror's own pairs that stand conflicted, with why.
    pub conflicts: Vec<(String, Vec<ConflictReason>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: i32, kind: OrganizationKind, province: &str, regency: Option<&str>) -> Place {
        Place {
            id,
            kind,
            province: Some(province.to_string()),
            regency: regency.map(str::to_string),
        }
    }

    fn team(agency: Place) -> TeamFacts {
        TeamFacts {
            agency,
            supporters: vec![],
            supporter_organizations: vec![],
        }
    }

    fn juror(organizations: Vec<Place>) -> JurorFacts {
        JurorFacts {
            user_id: 7,
            organizations,
        }
    }

    #[test]
    fn the_same_agency_conflicts() {
        let medan = place(1, OrganizationKind::Regency, "12", Some("12.71"));
        assert_eq!(
            computed_reasons(&juror(vec![medan.clone()]), &team(medan)),
            vec![ConflictReason::SameAgency]
        );
    }

    #[test]
    fn a_unit_of_the_same_city_conflicts_but_a_neighbour_does_not() {
        let city = place(1, OrganizationKind::Regency, "12", Some("12.71"));
        let unit = place(2, OrganizationKind::AgencyUnit, "12", Some("12.71"));
        let neighbour = place(3, OrganizationKind::Regency, "12", Some("12.72"));
        assert_eq!(
            computed_reasons(&juror(vec![unit]), &team(city.clone())),
            vec![ConflictReason::SameRegency]
        );
        assert!(computed_reasons(&juror(vec![neighbour]), &team(city)).is_empty());
    }

    #[test]
    fn a_provincial_body_conflicts_with_its_whole_province() {
        let province = place(1, OrganizationKind::Province, "12", None);
        let city = place(2, OrganizationKind::Regency, "12", Some("12.71"));
        let elsewhere = place(3, OrganizationKind::Regency, "31", Some("31.71"));
        assert_eq!(
            computed_reasons(&juror(vec![province.clone()]), &team(city.clone())),
            vec![ConflictReason::SameProvince]
        );
        assert_eq!(
            computed_reasons(&juror(vec![city]), &team(province.clone())),
            vec![ConflictReason::SameProvince]
        );
        assert!(computed_reasons(&juror(vec![elsewhere]), &team(province)).is_empty());
    }

    #[test]
    fn a_university_in_the_same_city_is_not_a_regional_conflict() {
        let city = place(1, OrganizationKind::Regency, "12", Some("12.71"));
        let campus = place(2, OrganizationKind::University, "12", Some("12.71"));
        assert!(computed_reasons(&juror(vec![campus]), &team(city)).is_empty());
    }

    #[test]
    fn the_supporters_organization_and_the_supporter_conflict() {
        let city = place(1, OrganizationKind::Regency, "12", Some("12.71"));
        let campus = place(2, OrganizationKind::University, "12", Some("12.71"));
        let mut facts = team(city);
        facts.supporter_organizations = vec![2];
        facts.supporters = vec![7];
        assert_eq!(
            computed_reasons(&juror(vec![campus]), &facts),
            vec![
                ConflictReason::SupporterOrganization,
                ConflictReason::SupportedTeam
            ]
        );
    }

    #[test]
    fn the_newest_decision_stands() {
        let computed = vec![ConflictReason::SameRegency];
        assert!(standing(computed.clone(), Some(ConflictKind::Lifted)).is_empty());
        assert_eq!(
            standing(computed.clone(), Some(ConflictKind::Declared)),
            vec![ConflictReason::SameRegency, ConflictReason::Declared]
        );
        assert_eq!(
            standing(vec![], Some(ConflictKind::Added)),
            vec![ConflictReason::Added]
        );
        assert_eq!(standing(computed.clone(), None), computed);
    }
}
