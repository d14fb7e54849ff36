//! Organizations: government agencies (*instansi*), universities and companies, each with
//! its region; and affiliations, the organizations a person belongs to.
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

pub mod api;
pub mod members_page;
#[cfg(feature = "ssr")]
pub mod membership;
pub mod pages;
pub mod picker;
#[cfg(feature = "ssr")]
pub mod service;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum OrganizationKind {
    /// A national ministry or agency.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ministry"))]
    Ministry,
    /// A provincial government.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "province"))]
    Province,
    /// A regency or city government.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "regency"))]
    Regency,
    /// A unit of a government (a *dinas*, a district office, a health centre).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "agency_unit"))]
    AgencyUnit,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "university"))]
    University,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "company"))]
    Company,
}

/// How much of a region an organization of a kind must name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionRule {
    /// National: no region.
    None,
    /// A province (a regency inside it is refused).
    Province,
    /// A regency or city.
    Regency,
    /// Optional, province or regency.
    Any,
}

/// A region as people write it: "Kota Salatiga, Jawa Tengah", or the province alone.
pub fn region_text(regency: Option<&str>, province: &str) -> String {
    match regency {
        Some(regency) => format!("{regency}, {province}"),
        None => province.to_string(),
    }
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 6] = [
        OrganizationKind::Ministry,
        OrganizationKind::Province,
        OrganizationKind::Regency,
        OrganizationKind::AgencyUnit,
        OrganizationKind::University,
        OrganizationKind::Company,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrganizationKind::Ministry => "ministry",
            OrganizationKind::Province => "province",
            OrganizationKind::Regency => "regency",
            OrganizationKind::AgencyUnit => "agency_unit",
            OrganizationKind::University => "university",
            OrganizationKind::Company => "company",
        }
    }

    pub fn parse(code: &str) -> Option<OrganizationKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            OrganizationKind::Ministry => Key::OrganizationsKindMinistry,
            OrganizationKind::Province => Key::OrganizationsKindProvince,
            OrganizationKind::Regency => Key::OrganizationsKindRegency,
            OrganizationKind::AgencyUnit => Key::OrganizationsKindAgencyUnit,
            OrganizationKind::University => Key::OrganizationsKindUniversity,
            OrganizationKind::Company => Key::OrganizationsKindCompany,
        }
    }

    /// Whether this is a government body (the kinds that may enter ASN competitions).
    pub fn is_government(self) -> bool {
        matches!(
            self,
            OrganizationKind::Ministry
                | OrganizationKind::Province
                | OrganizationKind::Regency
                | OrganizationKind::AgencyUnit
        )
    }

    pub fn region_rule(self) -> RegionRule {
        match self {
            OrganizationKind::Ministry => RegionRule::None,
            OrganizationKind::Province => RegionRule::Province,
            OrganizationKind::Regency | OrganizationKind::AgencyUnit => RegionRule::Regency,
            OrganizationKind::University | OrganizationKind::Company => RegionRule::Any,
        }
    }
}

/// An organization's name: trimmed, inner spaces collapsed, 3 to 200 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationName(String);

impl OrganizationName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<OrganizationName, Key> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars = name.chars().count();
        if chars == 0 {
            Err(Key::OrganizationsErrorNameRequired)
        } else if chars < 3 {
            Err(Key::OrganizationsErrorNameTooShort)
        } else if chars > Self::MAX_CHARS {
            Err(Key::OrganizationsErrorNameTooLong)
        } else {
            Ok(OrganizationName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One organization as lists and pickers show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationSummary {
    pub id: i32,
    pub name: String,
    pub kind: OrganizationKind,
    /// "Kota Salatiga, Jawa Tengah", "Jawa Tengah", or empty for national bodies.
    pub region: String,
}

/// Where a person stands with an organization. Only `Approved` counts where trust
/// matters (posting a challenge in its name, conflicts of interest in judging).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AffiliationStatus {
    /// The person asked; nobody at the organization has vouched for it yet.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "requested"))]
    Requested,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "refused"))]
    Refused,
    /// Left, or removed by an admin.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "removed"))]
    Removed,
}

impl AffiliationStatus {
    pub fn code(self) -> &'static str {
        match self {
            AffiliationStatus::Requested => "requested",
            AffiliationStatus::Approved => "approved",
            AffiliationStatus::Refused => "refused",
            AffiliationStatus::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<AffiliationStatus> {
        [
            AffiliationStatus::Requested,
            AffiliationStatus::Approved,
            AffiliationStatus::Refused,
            AffiliationStatus::Removed,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            AffiliationStatus::Requested => Key::OrganizationsStatusRequested,
            AffiliationStatus::Approved => Key::OrganizationsStatusApproved,
            AffiliationStatus::Refused => Key::OrganizationsStatusRefused,
            AffiliationStatus::Removed => Key::OrganizationsStatusRemoved,
        }
    }
}

/// One of the signed-in person's organizations, for the profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAffiliation {
    pub organization: OrganizationSummary,
    pub status: AffiliationStatus,
    pub is_admin: bool,
}

/// An invitation from an organization waiting for the person's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationInviteView {
    pub id: i32,
    pub organization: OrganizationSummary,
    pub invited_by: String,
}

/// A person on an organization's members page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    /// The affiliation's id (what the forms post).
    pub id: i32,
    pub name: String,
    pub email: String,
    pub verified: bool,
    /// The NIP on the person's profile now.
    pub nip: Option<String>,
    /// The NIP an admin confirmed when approving (differs when changed since).
    pub confirmed_nip: Option<String>,
    pub status: AffiliationStatus,
    pub is_admin: bool,
    pub since: chrono::DateTime<chrono::Utc>,
}

/// One line of an organization's membership record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipEvent {
    pub at: chrono::DateTime<chrono::Utc>,
    pub person: String,
    pub action: String,
    pub before: Option<AffiliationStatus>,
    pub after: Option<AffiliationStatus>,
    pub detail: Option<String>,
    pub by: Option<String>,
}

/// What an organization's admins see on its members page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPage {
    pub organization: OrganizationSummary,
    pub requests: Vec<MemberView>,
    pub members: Vec<MemberView>,
    /// Addresses invited and not yet answered.
    pub invited: Vec<String>,
    pub history: Vec<MembershipEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_codes_round_trip() {
        for kind in OrganizationKind::ALL {
            assert_eq!(OrganizationKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(OrganizationKind::parse("club"), None);
    }

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            OrganizationName::parse("  Dinas   Kesehatan  Kota Salatiga ")
                .unwrap()
                .as_str(),
            "Dinas Kesehatan Kota Salatiga"
        );
        assert_eq!(
            OrganizationName::parse("   "),
            Err(Key::OrganizationsErrorNameRequired)
        );
        assert_eq!(
            OrganizationName::parse("AB"),
            Err(Key::OrganizationsErrorNameTooShort)
        );
        assert_eq!(
            OrganizationName::parse(&"x".repeat(201)),
            Err(Key::OrganizationsErrorNameTooLong)
        );
    }

    #[test]
    fn only_government_bodies_are_agencies() {
        assert!(OrganizationKind::Regency.is_government());
        assert!(!OrganizationKind::University.is_government());
        assert_eq!(OrganizationKind::Ministry.region_rule(), RegionRule::None);
    }
}
