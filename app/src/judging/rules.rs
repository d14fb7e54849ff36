//! The conflict-of-interest rules, pure: what the verified facts say about a juror and a
//! team, and how people's decisions change it.
use super::{ConflictKind, ConflictReason};
use crate::organizations::OrganizationKind;

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
/// declared or added conflict joins the computed reasons; a lift clears the reasons that
/// stood when it was made (`lifted`), not one that arose since.
pub fn standing(
    computed: Vec<ConflictReason>,
    newest: Option<ConflictKind>,
    lifted: &[ConflictReason],
) -> Vec<ConflictReason> {
    let mut reasons = computed;
    match newest {
        Some(ConflictKind::Lifted) => reasons.retain(|r| !lifted.contains(r)),
        Some(ConflictKind::Declared) => reasons.push(ConflictReason::Declared),
        Some(ConflictKind::Added) => reasons.push(ConflictReason::Added),
        None => {}
    }
    reasons.sort();
    reasons.dedup();
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judging::{ConflictKind, ConflictReason};
    use crate::organizations::OrganizationKind;

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
        let lifted = [ConflictReason::SameRegency];
        assert!(standing(computed.clone(), Some(ConflictKind::Lifted), &lifted).is_empty());
        assert_eq!(
            standing(computed.clone(), Some(ConflictKind::Declared), &[]),
            vec![ConflictReason::SameRegency, ConflictReason::Declared]
        );
        assert_eq!(
            standing(vec![], Some(ConflictKind::Added), &[]),
            vec![ConflictReason::Added]
        );
        assert_eq!(standing(computed.clone(), None, &[]), computed);
    }

    #[test]
    fn a_lift_does_not_hide_a_reason_that_arose_after_it() {
        let now = vec![ConflictReason::SameRegency, ConflictReason::SupportedTeam];
        assert_eq!(
            standing(
                now,
                Some(ConflictKind::Lifted),
                &[ConflictReason::SameRegency]
            ),
            vec![ConflictReason::SupportedTeam]
        );
    }

    #[test]
    fn reason_codes_round_trip() {
        let all = ConflictReason::ALL.to_vec();
        assert_eq!(ConflictReason::parse_list(&ConflictReason::list(&all)), all);
        assert!(ConflictReason::parse_list("").is_empty());
    }
}
