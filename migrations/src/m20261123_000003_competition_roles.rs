//! Per-competition roles (organizer, juror, mentor, partner) and their audit trail.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompetitionRole {
    Table,
    Id,
    CompetitionId,
    UserId,
    Role,
    GrantedBy,
    GrantedAt,
}

#[derive(DeriveIden)]
enum RoleAudit {
    Table,
    Id,
    CompetitionId,
    UserId,
    Role,
    Action,
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
                    .table(CompetitionRole::Table)
                    .col(
                        ColumnDef::new(CompetitionRole::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(CompetitionRole::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(CompetitionRole::UserId).integer().not_null())
                    .col(
                        ColumnDef::new(CompetitionRole::Role)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CompetitionRole::GrantedBy).integer().null())
                    .col(
                        ColumnDef::new(CompetitionRole::GrantedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competition_role_competition")
                            .from(CompetitionRole::Table, CompetitionRole::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_competition_role_user")
                            .from(CompetitionRole::Table, CompetitionRole::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_competition_role")
                    .table(CompetitionRole::Table)
                    .col(CompetitionRole::CompetitionId)
                    .col(CompetitionRole::UserId)
                    .col(CompetitionRole::Role)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The audit trail keeps ids only (no foreign keys): it outlives what it describes.
        manager
            .create_table(
                Table::create()
                    .table(RoleAudit::Table)
                    .col(
                        ColumnDef::new(RoleAudit::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RoleAudit::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RoleAudit::UserId).integer().not_null())
                    .col(ColumnDef::new(RoleAudit::Role).string_len(20).not_null())
                    .col(ColumnDef::new(RoleAudit::Action).string_len(10).not_null())
                    .col(ColumnDef::new(RoleAudit::ByUserId).integer().null())
                    .col(
                        ColumnDef::new(RoleAudit::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RoleAudit::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CompetitionRole::Table).to_owned())
            .await
    }
}
