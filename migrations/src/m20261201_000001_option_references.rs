//! A team's category and group point at competition options that must exist: a foreign
//! key on PostgreSQL, triggers doing the same on SQLite (which cannot add a constraint to
//! an existing table). An option a team chose cannot be deleted. Teams left pointing at
//! options an earlier edit deleted are cleared first (the category they had is gone).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CLEAR_DANGLING: [&str; 2] = [
    "UPDATE team SET category_option_id = NULL WHERE category_option_id IS NOT NULL \
     AND category_option_id NOT IN (SELECT id FROM competition_option)",
    "UPDATE team SET group_option_id = NULL WHERE group_option_id IS NOT NULL \
     AND group_option_id NOT IN (SELECT id FROM competition_option)",
];

const POSTGRES_UP: [&str; 2] = [
    "ALTER TABLE team ADD CONSTRAINT fk_team_category_option FOREIGN KEY (category_option_id) \
     REFERENCES competition_option (id)",
    "ALTER TABLE team ADD CONSTRAINT fk_team_group_option FOREIGN KEY (group_option_id) \
     REFERENCES competition_option (id)",
];

const POSTGRES_DOWN: [&str; 2] = [
    "ALTER TABLE team DROP CONSTRAINT fk_team_category_option",
    "ALTER TABLE team DROP CONSTRAINT fk_team_group_option",
];

const SQLITE_UP: [&str; 3] = [
    "CREATE TRIGGER fk_competition_option_in_use BEFORE DELETE ON competition_option \
     WHEN EXISTS (SELECT 1 FROM team WHERE category_option_id = OLD.id OR group_option_id = OLD.id) \
     BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END",
    "CREATE TRIGGER fk_team_option_insert BEFORE INSERT ON team \
     WHEN (NEW.category_option_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM competition_option WHERE id = NEW.category_option_id)) \
       OR (NEW.group_option_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM competition_option WHERE id = NEW.group_option_id)) \
     BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END",
    "CREATE TRIGGER fk_team_option_update BEFORE UPDATE OF category_option_id, group_option_id ON team \
     WHEN (NEW.category_option_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM competition_option WHERE id = NEW.category_option_id)) \
       OR (NEW.group_option_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM competition_option WHERE id = NEW.group_option_id)) \
     BEGIN SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed'); END",
];

const SQLITE_DOWN: [&str; 3] = [
    "DROP TRIGGER fk_competition_option_in_use",
    "DROP TRIGGER fk_team_option_insert",
    "DROP TRIGGER fk_team_option_update",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in CLEAR_DANGLING {
            db.execute_unprepared(sql).await?;
        }
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_UP,
            _ => &POSTGRES_UP,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match db.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_DOWN,
            _ => &POSTGRES_DOWN,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
