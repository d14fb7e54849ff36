//! Organizations: government agencies (*instansi*), universities and companies.
use serde::{Deserialize, Serialize};

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
