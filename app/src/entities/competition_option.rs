use sea_orm::entity::prelude::*;

/// A category (theme) or a group a competition offers its teams, named in both languages.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_option")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    /// `category` or `group`.
    pub kind: crate::competitions::OptionKind,
    pub position: i32,
    pub name_id: String,
    pub name_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
