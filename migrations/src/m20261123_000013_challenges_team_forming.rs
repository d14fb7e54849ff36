//! Challenge statements posted on a competition (a team names the one it answers), and
//! team forming: people looking for a team, the skills a team still needs, and requests
//! to join in either direction.
use sea_orm_migration::prelude::*;

use crate::columns::{at, cascade, id, int};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[derive(DeriveIden)]
enum Organization {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    ChallengeId,
    WantedSkills,
}

#[derive(DeriveIden)]
enum Challenge {
    Table,
    Id,
    CompetitionId,
    OrganizationId,
    PostedBy,
    Title,
    Problem,
    DataOffered,
    Contact,
    Prize,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TeamSeeker {
    Table,
    Id,
    CompetitionId,
    UserId,
    Skills,
    About,
    OrganizationId,
    ProvinceCode,
    RegencyCode,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum JoinRequest {
    Table,
    Id,
    CompetitionId,
    TeamId,
    UserId,
    FromTeam,
    Message,
    Status,
    CreatedAt,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Challenge::Table)
                    .col(id(Challenge::Id))
                    .col(int(Challenge::CompetitionId))
                    .col(int(Challenge::OrganizationId))
                    .col(ColumnDef::new(Challenge::PostedBy).integer().null())
                    .col(ColumnDef::new(Challenge::Title).string_len(160).not_null())
                    .col(ColumnDef::new(Challenge::Problem).text().not_null())
                    .col(ColumnDef::new(Challenge::DataOffered).text().not_null())
                    .col(
                        ColumnDef::new(Challenge::Contact)
                            .string_len(250)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Challenge::Prize).string_len(250).not_null())
                    .col(at(Challenge::CreatedAt))
                    .col(at(Challenge::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_challenge_competition",
                        Challenge::Table,
                        Challenge::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_challenge_organization",
                        Challenge::Table,
                        Challenge::OrganizationId,
                        Organization::Table,
                        Organization::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_challenge_competition")
                    .table(Challenge::Table)
                    .col(Challenge::CompetitionId)
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            ColumnDef::new(Team::ChallengeId)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Team::WantedSkills).text().null().to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Team::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(TeamSeeker::Table)
                    .col(id(TeamSeeker::Id))
                    .col(int(TeamSeeker::CompetitionId))
                    .col(int(TeamSeeker::UserId))
                    .col(ColumnDef::new(TeamSeeker::Skills).text().not_null())
                    .col(ColumnDef::new(TeamSeeker::About).text().not_null())
                    .col(ColumnDef::new(TeamSeeker::OrganizationId).integer().null())
                    .col(
                        ColumnDef::new(TeamSeeker::ProvinceCode)
                            .string_len(2)
                            .null(),
                    )
                    .col(ColumnDef::new(TeamSeeker::RegencyCode).string_len(5).null())
                    .col(at(TeamSeeker::CreatedAt))
                    .col(at(TeamSeeker::UpdatedAt))
                    .foreign_key(&mut cascade(
                        "fk_team_seeker_competition",
                        TeamSeeker::Table,
                        TeamSeeker::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_team_seeker_user",
                        TeamSeeker::Table,
                        TeamSeeker::UserId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_team_seeker_person")
                    .table(TeamSeeker::Table)
                    .col(TeamSeeker::CompetitionId)
                    .col(TeamSeeker::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JoinRequest::Table)
                    .col(id(JoinRequest::Id))
                    .col(int(JoinRequest::CompetitionId))
                    .col(int(JoinRequest::TeamId))
                    .col(int(JoinRequest::UserId))
                    .col(ColumnDef::new(JoinRequest::FromTeam).boolean().not_null())
                    .col(ColumnDef::new(JoinRequest::Message).text().not_null())
                    .col(
                        ColumnDef::new(JoinRequest::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(at(JoinRequest::CreatedAt))
                    .col(
                        ColumnDef::new(JoinRequest::AnsweredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut cascade(
                        "fk_join_request_competition",
                        JoinRequest::Table,
                        JoinRequest::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_join_request_team",
                        JoinRequest::Table,
                        JoinRequest::TeamId,
                        Team::Table,
                        Team::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_join_request_user",
                        JoinRequest::Table,
                        JoinRequest::UserId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_join_request_pair")
                    .table(JoinRequest::Table)
                    .col(JoinRequest::TeamId)
                    .col(JoinRequest::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_join_request_person")
                    .table(JoinRequest::Table)
                    .col(JoinRequest::CompetitionId)
                    .col(JoinRequest::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(JoinRequest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TeamSeeker::Table).to_owned())
            .await?;
        for column in [Team::WantedSkills, Team::ChallengeId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Team::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Challenge::Table).to_owned())
            .await
    }
}
