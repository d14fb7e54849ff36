//! People are told: each account says whether it wants reminders (a stage of its
//! competition opening or closing, the day-ahead deadline reminder; decisions are always
//! mailed), and every stage notice sent is recorded once per person, so two instances
//! running the periodic job, or one restarted, never send it twice.
use sea_orm_migration::prelude::*;

use crate::columns::{at, belongs_to_competition, cascade, id, int, string};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Reminders,
}

#[derive(DeriveIden)]
enum StageNotice {
    Table,
    Id,
    CompetitionId,
    Stage,
    Kind,
    UserId,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .add_column(
                        ColumnDef::new(UserAccount::Reminders)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StageNotice::Table)
                    .col(id(StageNotice::Id))
                    .col(int(StageNotice::CompetitionId))
                    .col(string(StageNotice::Stage, 40))
                    .col(string(StageNotice::Kind, 16))
                    .col(int(StageNotice::UserId))
                    .col(at(StageNotice::SentAt))
                    .foreign_key(&mut belongs_to_competition(
                        StageNotice::Table,
                        StageNotice::CompetitionId,
                        "fk_stage_notice_competition",
                    ))
                    .foreign_key(&mut cascade(
                        "fk_stage_notice_user",
                        StageNotice::Table,
                        StageNotice::UserId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // The one guard of "exactly once": whoever inserts the row sends the mail.
        manager
            .create_index(
                Index::create()
                    .name("ux_stage_notice")
                    .table(StageNotice::Table)
                    .col(StageNotice::CompetitionId)
                    .col(StageNotice::Stage)
                    .col(StageNotice::Kind)
                    .col(StageNotice::UserId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StageNotice::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(UserAccount::Table)
                    .drop_column(UserAccount::Reminders)
                    .to_owned(),
            )
            .await
    }
}
