//! Organizations vouch for their people: an affiliation has a state (requested, approved,
//! refused, removed), may make its holder an admin of the organization, and remembers
//! who decided, when, and the NIP the admin confirmed. Every change is kept in
//! `affiliation_audit`; organization admins invite people by email
//! (`organization_invite`). Rows from before are `requested`: nobody vouched for them.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Affiliation {
    Table,
    Status,
    IsAdmin,
    DecidedBy,
    DecidedAt,
    ConfirmedNip,
}

#[derive(DeriveIden)]
enum AffiliationAudit {
    Table,
    Id,
    OrganizationId,
    UserId,
    Action,
    BeforeStatus,
    AfterStatus,
    Detail,
    ByUserId,
    At,
}

#[derive(DeriveIden)]
enum OrganizationInvite {
    Table,
    Id,
    OrganizationId,
    Email,
    InvitedBy,
    CreatedAt,
    AnsweredAt,
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        let columns = [
            ColumnDef::new(Affiliation::Status)
                .string_len(16)
                .not_null()
                .default("requested")
                .to_owned(),
            ColumnDef::new(Affiliation::IsAdmin)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
            ColumnDef::new(Affiliation::DecidedBy)
                .integer()
                .null()
                .to_owned(),
            ColumnDef::new(Affiliation::DecidedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(Affiliation::ConfirmedNip)
                .string_len(18)
                .null()
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Affiliation::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AffiliationAudit::Table)
                    .col(
                        ColumnDef::new(AffiliationAudit::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::OrganizationId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::UserId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::Action)
                            .string_len(24)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::BeforeStatus)
                            .string_len(16)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::AfterStatus)
                            .string_len(16)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AffiliationAudit::Detail)
                            .string_len(254)
                            .null(),
                    )
                    .col(ColumnDef::new(AffiliationAudit::ByUserId).integer().null())
                    .col(
                        ColumnDef::new(AffiliationAudit::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_affiliation_audit_organization")
                            .from(AffiliationAudit::Table, AffiliationAudit::OrganizationId)
                            .to(Organization::Table, Organization::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_affiliation_audit_user")
                            .from(AffiliationAudit::Table, AffiliationAudit::UserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_affiliation_audit_by")
                            .from(AffiliationAudit::Table, AffiliationAudit::ByUserId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_affiliation_audit_organization")
                    .table(AffiliationAudit::Table)
                    .col(AffiliationAudit::OrganizationId)
                    .col(AffiliationAudit::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganizationInvite::Table)
                    .col(
                        ColumnDef::new(OrganizationInvite::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(OrganizationInvite::OrganizationId)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OrganizationInvite::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OrganizationInvite::InvitedBy)
                            .integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(OrganizationInvite::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OrganizationInvite::AnsweredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_invite_organization")
                            .from(
                                OrganizationInvite::Table,
                                OrganizationInvite::OrganizationId,
                            )
                            .to(Organization::Table, Organization::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organization_invite_by")
                            .from(OrganizationInvite::Table, OrganizationInvite::InvitedBy)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_organization_invite_email")
                    .table(OrganizationInvite::Table)
                    .col(OrganizationInvite::OrganizationId)
                    .col(OrganizationInvite::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrganizationInvite::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AffiliationAudit::Table).to_owned())
            .await?;
        for column in [
            Affiliation::ConfirmedNip,
            Affiliation::DecidedAt,
            Affiliation::DecidedBy,
            Affiliation::IsAdmin,
            Affiliation::Status,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Affiliation::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
