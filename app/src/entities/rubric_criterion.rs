use sea_orm::entity::prelude::*;

use crate::competitions::Stage;

/// One criterion of a judged stage's rubric: scored on `scale_min..=scale_max`, counting
/// `weight` percent of the stage's score.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rubric_criterion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competition_id: i32,
    pub stage: Stage,
    pub position: i32,
    pub name_id: String,
    pub name_en: String,
    pub description_id: String,
    pub description_en: String,
    pub weight: i32,
    pub scale_min: i32,
    pub scale_max: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
