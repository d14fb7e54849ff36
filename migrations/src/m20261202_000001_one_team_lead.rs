//! A team's lead is stored once, in `team.lead_user_id`; `team_member.is_lead` repeated it.
//! A team whose lead was only marked on its member row keeps that lead (the first such
//! member, should there be two). Releases before this one read the column: replace every
//! running instance together with this one (stop, migrate, start), not one at a time.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE team SET lead_user_id = (SELECT MIN(m.user_id) FROM team_member m \
             WHERE m.team_id = team.id AND m.is_lead) WHERE lead_user_id IS NULL",
        )
        .await?;
        db.execute_unprepared("ALTER TABLE team_member DROP COLUMN is_lead")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE team_member ADD COLUMN is_lead BOOLEAN NOT NULL DEFAULT FALSE",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE team_member SET is_lead = TRUE WHERE user_id = \
             (SELECT t.lead_user_id FROM team t WHERE t.id = team_member.team_id)",
        )
        .await?;
        Ok(())
    }
}
