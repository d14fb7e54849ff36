use sea_orm::entity::prelude::*;

/// A comment on one part of a proposal; replies name their thread's first comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proposal_id: i32,
    pub part: String,
    pub parent_id: Option<i32>,
    pub author_id: i32,
    pub body: String,
    pub created_at: DateTimeUtc,
    /// Set on a thread's first comment when the team marks it resolved.
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user_account::Entity",
        from = "Column::AuthorId",
        to = "super::user_account::Column::Id"
    )]
    Author,
}

impl Related<super::user_account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
