//! What an organizer sets up for a competition: descriptions and rules in both languages,
//! team size limits, categories and groups, and the timeline of dated stages.
use sea_orm_migration::prelude::*;

use crate::columns::{belongs_to_competition, id};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Competition {
    Table,
    DescriptionId,
    DescriptionEn,
    RulesId,
    RulesEn,
    TeamMin,
    TeamMax,
    PublishedAt,
}

#[derive(DeriveIden)]
enum CompetitionOption {
    Table,
    Id,
    CompetitionId,
    Kind,
    Position,
    NameId,
    NameEn,
}

#[derive(DeriveIden)]
enum CompetitionStage {
    Table,
    Id,
    CompetitionId,
    Stage,
    StartsAt,
    EndsAt,
}

fn add_column(column: ColumnDef) -> TableAlterStatement {
    Table::alter()
        .table(Competition::Table)
        .add_column(column)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for text in [
            Competition::DescriptionId,
            Competition::DescriptionEn,
            Competition::RulesId,
            Competition::RulesEn,
        ] {
            manager
                .alter_table(add_column(
                    ColumnDef::new(text)
                        .text()
                        .not_null()
                        .default("")
                        .to_owned(),
                ))
                .await?;
        }
        manager
            .alter_table(add_column(
                ColumnDef::new(Competition::TeamMin)
                    .integer()
                    .not_null()
                    .default(1)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add_column(
                ColumnDef::new(Competition::TeamMax)
                    .integer()
                    .not_null()
                    .default(5)
                    .to_owned(),
            ))
            .await?;
        manager
            .alter_table(add_column(
                ColumnDef::new(Competition::PublishedAt)
                    .timestamp_with_time_zone()
                    .null()
                    .to_owned(),
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CompetitionOption::Table)
                    .col(id(CompetitionOption::Id))
                    .col(
                        ColumnDef::new(CompetitionOption::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionOption::Kind)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionOption::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionOption::NameId)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionOption::NameEn)
                            .string_len(120)
                            .not_null(),
                    )
                    .foreign_key(&mut belongs_to_competition(
                        CompetitionOption::Table,
                        CompetitionOption::CompetitionId,
                        "fk_competition_option_competition",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_competition_option_competition")
                    .table(CompetitionOption::Table)
                    .col(CompetitionOption::CompetitionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CompetitionStage::Table)
                    .col(id(CompetitionStage::Id))
                    .col(
                        ColumnDef::new(CompetitionStage::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionStage::Stage)
                            .string_len(30)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionStage::StartsAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionStage::EndsAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut belongs_to_competition(
                        CompetitionStage::Table,
                        CompetitionStage::CompetitionId,
                        "fk_competition_stage_competition",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_competition_stage")
                    .table(CompetitionStage::Table)
                    .col(CompetitionStage::CompetitionId)
                    .col(CompetitionStage::Stage)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CompetitionStage::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CompetitionOption::Table).to_owned())
            .await?;
        for column in [
            Competition::PublishedAt,
            Competition::TeamMax,
            Competition::TeamMin,
            Competition::RulesEn,
            Competition::RulesId,
            Competition::DescriptionEn,
            Competition::DescriptionId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Competition::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
