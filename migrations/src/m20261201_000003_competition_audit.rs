//! Changes to a published competition are on the record: which part (details, timeline,
//! eligibility, rubric, prizes, template), who, when, and the part as it was before and
//! after (as JSON).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompetitionAudit {
    Table,
    Id,
    CompetitionId,
    Area,
    Before,
    After,
    ByUserId,
    At,
}

#[derive(DeriveIden)]
enum Competition {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CompetitionAudit::Table)
                    .col(
                        ColumnDef::new(CompetitionAudit::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CompetitionAudit::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CompetitionAudit::Area)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CompetitionAudit::Before).text().not_null())
                    .col(ColumnDef::new(CompetitionAudit::After).text().not_null())
                    .col(ColumnDef::new(CompetitionAudit::ByUserId).integer().null())
                    .col(
                        ColumnDef::new(CompetitionAudit::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competition_audit_competition")
                            .from(CompetitionAudit::Table, CompetitionAudit::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competition_audit_by")
                            .from(CompetitionAudit::Table, CompetitionAudit::ByUserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_competition_audit_competition")
                    .table(CompetitionAudit::Table)
                    .col(CompetitionAudit::CompetitionId)
                    .col(CompetitionAudit::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CompetitionAudit::Table).to_owned())
            .await
    }
}
