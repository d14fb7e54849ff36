//! The first domain tables: organizations (agencies, universities, companies),
//! competitions and the teams registered for them.
use sea_orm_migration::prelude::*;

use crate::m20261122_000001_regions::{Province, Regency};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
    Name,
    Kind,
    ProvinceCode,
    RegencyCode,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Competition {
    Table,
    Id,
    Slug,
    Kind,
    Status,
    TitleId,
    TitleEn,
    SummaryId,
    SummaryEn,
    RegistrationClosesAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    CompetitionId,
    OrganizationId,
    Name,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organization::Table)
                    .col(
                        ColumnDef::new(Organization::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Organization::Name)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Organization::Kind).string_len(20).not_null())
                    .col(
                        ColumnDef::new(Organization::ProvinceCode)
                            .string_len(2)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Organization::RegencyCode)
                            .string_len(5)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Organization::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_province")
                            .from(Organization::Table, Organization::ProvinceCode)
                            .to(Province::Table, Province::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_regency")
                            .from(Organization::Table, Organization::RegencyCode)
                            .to(Regency::Table, Regency::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_organization_name")
                    .table(Organization::Table)
                    .col(Organization::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Competition::Table)
                    .col(
                        ColumnDef::new(Competition::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Competition::Slug).string_len(80).not_null())
                    .col(ColumnDef::new(Competition::Kind).string_len(20).not_null())
                    .col(
                        ColumnDef::new(Competition::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Competition::TitleId)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Competition::TitleEn)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Competition::SummaryId).text().not_null())
                    .col(ColumnDef::new(Competition::SummaryEn).text().not_null())
                    .col(
                        ColumnDef::new(Competition::RegistrationClosesAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Competition::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_competition_slug")
                    .table(Competition::Table)
                    .col(Competition::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Team::Table)
                    .col(
                        ColumnDef::new(Team::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Team::CompetitionId).integer().not_null())
                    .col(ColumnDef::new(Team::OrganizationId).integer().not_null())
                    .col(ColumnDef::new(Team::Name).string_len(120).not_null())
                    .col(
                        ColumnDef::new(Team::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_competition")
                            .from(Team::Table, Team::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_organization")
                            .from(Team::Table, Team::OrganizationId)
                            .to(Organization::Table, Organization::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_team_competition_name")
                    .table(Team::Table)
                    .col(Team::CompetitionId)
                    .col(Team::Name)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Team::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Competition::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Organization::Table).to_owned())
            .await
    }
}
