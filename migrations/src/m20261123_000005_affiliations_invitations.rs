//! Which organizations a person belongs to, and invitations by email to a role in a
//! competition (jurors and mentors who may not have an account yet).
use sea_orm_migration::prelude::*;

use crate::columns::id;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Affiliation {
    Table,
    Id,
    UserId,
    OrganizationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    TokenHash,
    CompetitionId,
    Email,
    Role,
    Lang,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
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
enum Competition {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Affiliation::Table)
                    .col(id(Affiliation::Id))
                    .col(ColumnDef::new(Affiliation::UserId).integer().not_null())
                    .col(
                        ColumnDef::new(Affiliation::OrganizationId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Affiliation::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_affiliation_user")
                            .from(Affiliation::Table, Affiliation::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_affiliation_organization")
                            .from(Affiliation::Table, Affiliation::OrganizationId)
                            .to(Organization::Table, Organization::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_affiliation_user_organization")
                    .table(Affiliation::Table)
                    .col(Affiliation::UserId)
                    .col(Affiliation::OrganizationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_affiliation_organization")
                    .table(Affiliation::Table)
                    .col(Affiliation::OrganizationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(id(Invitation::Id))
                    .col(
                        ColumnDef::new(Invitation::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Invitation::CompetitionId)
                            .integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Invitation::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Invitation::Role).string_len(20).not_null())
                    .col(ColumnDef::new(Invitation::Lang).string_len(2).not_null())
                    .col(ColumnDef::new(Invitation::InvitedBy).integer().null())
                    .col(
                        ColumnDef::new(Invitation::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Invitation::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Invitation::AcceptedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Invitation::AcceptedBy).integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_competition")
                            .from(Invitation::Table, Invitation::CompetitionId)
                            .to(Competition::Table, Competition::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_invited_by")
                            .from(Invitation::Table, Invitation::InvitedBy)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitation_accepted_by")
                            .from(Invitation::Table, Invitation::AcceptedBy)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_invitation_competition")
                    .table(Invitation::Table)
                    .col(Invitation::CompetitionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitation::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Affiliation::Table).to_owned())
            .await
    }
}
