//! The column and foreign key shapes the migrations share. Not a migration: a change here
//! changes the SQL of every migration already applied, so these stay as they are.
use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
enum Competition {
    Table,
    Id,
}

/// An integer primary key the database numbers.
pub fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

/// A required integer (also a required reference to another row).
pub fn int<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name).integer().not_null().to_owned()
}

/// A required string of at most `len` characters.
pub fn string<T: IntoIden>(name: T, len: u32) -> ColumnDef {
    ColumnDef::new(name).string_len(len).not_null().to_owned()
}

/// A required moment, with its time zone.
pub fn at<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// A moment that may not have come yet.
pub fn maybe_at<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// `table.column` refers to `to.key`; the row goes when the row it refers to goes.
pub fn cascade<T, C, R, K>(
    name: &str,
    table: T,
    column: C,
    to: R,
    key: K,
) -> ForeignKeyCreateStatement
where
    T: IntoIden + 'static,
    C: IntoIden + 'static,
    R: IntoIden + 'static,
    K: IntoIden + 'static,
{
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(to, key)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// `table.column` refers to a competition and goes with it.
pub fn belongs_to_competition<T: IntoIden + 'static, C: IntoIden + 'static>(
    table: T,
    column: C,
    name: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(Competition::Table, Competition::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}
