//! The rest of a competition's set-up: the rubric (criteria per judged stage, with
//! description, scale and weight), prizes, and partner organizations (sponsors).
use sea_orm_migration::prelude::*;

use crate::columns::{belongs_to_competition, id, int, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum RubricCriterion {
    Table,
    Id,
    CompetitionId,
    Stage,
    Position,
    NameId,
    NameEn,
    DescriptionId,
    DescriptionEn,
    Weight,
    ScaleMin,
    ScaleMax,
}

#[derive(DeriveIden)]
enum Prize {
    Table,
    Id,
    CompetitionId,
    Position,
    NameId,
    NameEn,
    Reward,
}

#[derive(DeriveIden)]
enum CompetitionPartner {
    Table,
    Id,
    CompetitionId,
    OrganizationId,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RubricCriterion::Table)
                    .col(id(RubricCriterion::Id))
                    .col(int(RubricCriterion::CompetitionId))
                    .col(string(RubricCriterion::Stage, 30))
                    .col(int(RubricCriterion::Position))
                    .col(string(RubricCriterion::NameId, 120))
                    .col(string(RubricCriterion::NameEn, 120))
                    .col(
                        ColumnDef::new(RubricCriterion::DescriptionId)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RubricCriterion::DescriptionEn)
                            .text()
                            .not_null(),
                    )
                    .col(int(RubricCriterion::Weight))
                    .col(int(RubricCriterion::ScaleMin))
                    .col(int(RubricCriterion::ScaleMax))
                    .foreign_key(&mut belongs_to_competition(
                        RubricCriterion::Table,
                        RubricCriterion::CompetitionId,
                        "fk_rubric_criterion_competition",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rubric_criterion_competition")
                    .table(RubricCriterion::Table)
                    .col(RubricCriterion::CompetitionId)
                    .col(RubricCriterion::Stage)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Prize::Table)
                    .col(id(Prize::Id))
                    .col(int(Prize::CompetitionId))
                    .col(int(Prize::Position))
                    .col(string(Prize::NameId, 120))
                    .col(string(Prize::NameEn, 120))
                    .col(string(Prize::Reward, 200))
                    .foreign_key(&mut belongs_to_competition(
                        Prize::Table,
                        Prize::CompetitionId,
                        "fk_prize_competition",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_prize_competition")
                    .table(Prize::Table)
                    .col(Prize::CompetitionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CompetitionPartner::Table)
                    .col(id(CompetitionPartner::Id))
                    .col(int(CompetitionPartner::CompetitionId))
                    .col(int(CompetitionPartner::OrganizationId))
                    .col(int(CompetitionPartner::Position))
                    .foreign_key(&mut belongs_to_competition(
                        CompetitionPartner::Table,
                        CompetitionPartner::CompetitionId,
                        "fk_competition_partner_competition",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competition_partner_organization")
                            .from(
                                CompetitionPartner::Table,
                                CompetitionPartner::OrganizationId,
                            )
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_competition_partner")
                    .table(CompetitionPartner::Table)
                    .col(CompetitionPartner::CompetitionId)
                    .col(CompetitionPartner::OrganizationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CompetitionPartner::Table.into_iden(),
            Prize::Table.into_iden(),
            RubricCriterion::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
