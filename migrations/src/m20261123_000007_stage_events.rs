//! The record of explicit stage changes: an organizer starting or ending a stage now
//! instead of at its planned date.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StageEvent {
    Table,
    Id,
    CompetitionId,
    Stage,
    Action,
    PlannedAt,
    At,
    ByUserId,
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
                    .table(StageEvent::Table)
                    .col(
                        ColumnDef::new(StageEvent::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(StageEvent::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(StageEvent::Stage).string_len(30).not_null())
                    .col(ColumnDef::new(StageEvent::Action).string_len(10).not_null())
                    .col(
                        ColumnDef::new(StageEvent::PlannedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StageEvent::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(StageEvent::ByUserId).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stage_event_competition")
                            .from(StageEvent::Table, StageEvent::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stage_event_by")
                            .from(StageEvent::Table, StageEvent::ByUserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StageEvent::Table).to_owned())
            .await
    }
}
