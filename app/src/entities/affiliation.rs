use sea_orm::entity::prelude::*;

use crate::organizations::AffiliationStatus;

/// A person's tie to an organization, as the organization's admins decided it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "affiliation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub organization_id: i32,
    pub created_at: DateTimeUtc,
    pub status: AffiliationStatus,
    /// Approved members who manage the organization's people.
    pub is_admin: bool,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    /// The NIP the admin saw and confirmed when approving.
    pub confirmed_nip: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
