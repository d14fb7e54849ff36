use sea_orm::entity::prelude::*;

use crate::authz::Role;

/// A mentor or partner linked to a team: asked by the lead, or offering themselves
/// (`from_supporter`); `requested`, then `accepted` or `declined` by the other side.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_supporter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub team_id: i32,
    pub user_id: i32,
    pub role: Role,
    pub status: crate::teams::RequestStatus,
    pub requested_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    /// The mentor or partner offered (the lead answers); else the lead asked them.
    pub from_supporter: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user_account::Entity",
        from = "Column::UserId",
        to = "super::user_account::Column::Id"
    )]
    User,
    #[sea_orm(
        belongs_to = "super::team::Entity",
        from = "Column::TeamId",
        to = "super::team::Column::Id"
    )]
    Team,
}

impl Related<super::user_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl Related<super::team::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Team.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
