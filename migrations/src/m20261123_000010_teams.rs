//! Teams as participants register them: lead, category, group, region and a join code;
//! members (a person is in at most one team per competition, enforced by a unique index);
//! invitations by email; mentors and partners attached by request and acceptance.
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
enum Team {
    Table,
    Id,
    Name,
    NameKey,
    CompetitionId,
    LeadUserId,
    CategoryOptionId,
    GroupOptionId,
    ProvinceCode,
    RegencyCode,
    JoinCode,
}

#[derive(DeriveIden)]
enum TeamMember {
    Table,
    Id,
    TeamId,
    CompetitionId,
    UserId,
    IsLead,
    JoinedAt,
}

#[derive(DeriveIden)]
enum TeamInvite {
    Table,
    Id,
    TeamId,
    Email,
    InvitedBy,
    CreatedAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum TeamSupporter {
    Table,
    Id,
    TeamId,
    UserId,
    Role,
    Status,
    RequestedAt,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            ColumnDef::new(Team::NameKey)
                .string_len(120)
                .not_null()
                .default("")
                .to_owned(),
            ColumnDef::new(Team::LeadUserId).integer().null().to_owned(),
            ColumnDef::new(Team::CategoryOptionId)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Team::GroupOptionId)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Team::ProvinceCode)
                .string_len(2)
                .null()
                .to_owned(),
            ColumnDef::new(Team::RegencyCode)
                .string_len(5)
                .null()
                .to_owned(),
            ColumnDef::new(Team::JoinCode)
                .string_len(16)
                .null()
                .to_owned(),
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
        // Names are unique per competition in any case: the key is the lower-cased name.
        manager
            .exec_stmt(
                Query::update()
                    .table(Team::Table)
                    .value(Team::NameKey, Func::lower(Expr::col(Team::Name)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_team_competition_name_key")
                    .table(Team::Table)
                    .col(Team::CompetitionId)
                    .col(Team::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_team_join_code")
                    .table(Team::Table)
                    .col(Team::JoinCode)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TeamMember::Table)
                    .col(id(TeamMember::Id))
                    .col(int(TeamMember::TeamId))
                    .col(int(TeamMember::CompetitionId))
                    .col(int(TeamMember::UserId))
                    .col(ColumnDef::new(TeamMember::IsLead).boolean().not_null())
                    .col(at(TeamMember::JoinedAt))
                    .foreign_key(&mut cascade(
                        "fk_team_member_team",
                        TeamMember::Table,
                        TeamMember::TeamId,
                        Team::Table,
                        Team::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_team_member_competition",
                        TeamMember::Table,
                        TeamMember::CompetitionId,
                        Competition::Table,
                        Competition::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_team_member_user",
                        TeamMember::Table,
                        TeamMember::UserId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One team per person per competition.
        manager
            .create_index(
                Index::create()
                    .name("uq_team_member_person")
                    .table(TeamMember::Table)
                    .col(TeamMember::CompetitionId)
                    .col(TeamMember::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_team_member_team")
                    .table(TeamMember::Table)
                    .col(TeamMember::TeamId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TeamInvite::Table)
                    .col(id(TeamInvite::Id))
                    .col(int(TeamInvite::TeamId))
                    .col(ColumnDef::new(TeamInvite::Email).string_len(254).not_null())
                    .col(ColumnDef::new(TeamInvite::InvitedBy).integer().null())
                    .col(at(TeamInvite::CreatedAt))
                    .col(
                        ColumnDef::new(TeamInvite::AcceptedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut cascade(
                        "fk_team_invite_team",
                        TeamInvite::Table,
                        TeamInvite::TeamId,
                        Team::Table,
                        Team::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_team_invite")
                    .table(TeamInvite::Table)
                    .col(TeamInvite::TeamId)
                    .col(TeamInvite::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TeamSupporter::Table)
                    .col(id(TeamSupporter::Id))
                    .col(int(TeamSupporter::TeamId))
                    .col(int(TeamSupporter::UserId))
                    .col(
                        ColumnDef::new(TeamSupporter::Role)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TeamSupporter::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(at(TeamSupporter::RequestedAt))
                    .col(
                        ColumnDef::new(TeamSupporter::AnsweredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(&mut cascade(
                        "fk_team_supporter_team",
                        TeamSupporter::Table,
                        TeamSupporter::TeamId,
                        Team::Table,
                        Team::Id,
                    ))
                    .foreign_key(&mut cascade(
                        "fk_team_supporter_user",
                        TeamSupporter::Table,
                        TeamSupporter::UserId,
                        UserAccount::Table,
                        UserAccount::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_team_supporter")
                    .table(TeamSupporter::Table)
                    .col(TeamSupporter::TeamId)
                    .col(TeamSupporter::UserId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TeamSupporter::Table.into_iden(),
            TeamInvite::Table.into_iden(),
            TeamMember::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for name in ["uq_team_join_code", "uq_team_competition_name_key"] {
            manager
                .drop_index(Index::drop().name(name).table(Team::Table).to_owned())
                .await?;
        }
        for column in [
            Team::JoinCode,
            Team::RegencyCode,
            Team::ProvinceCode,
            Team::GroupOptionId,
            Team::CategoryOptionId,
            Team::LeadUserId,
            Team::NameKey,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Team::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
