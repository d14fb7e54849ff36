use sea_orm::entity::prelude::*;

/// A challenge statement an agency or partner posts on a competition: the problem, the
/// data or APIs offered, a contact and a prize. Teams name the one they answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    /// The organization that poses the problem.
    pub organization_id: i32,
    pub posted_by: Option<i32>,
    pub title: String,
    pub problem: String,
    /// Data or APIs offered; empty when none.
    pub data_offered: String,
    pub contact: String,
    /// Empty when the challenge carries no prize of its own.
    pub prize: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
