//! Loads the bundled official region list (resources/idn-area) into the database.
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait, Set};

use crate::entities::{province, regency};
use crate::error::AppError;

const PROVINCES_CSV: &str = include_str!("../../../resources/idn-area/provinces.csv");
const REGENCIES_CSV: &str = include_str!("../../../resources/idn-area/regencies.csv");

/// Rows of a `code,…,name` CSV file without quoting (the bundled files have none).
fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim_end_matches('\r').splitn(3, ',').collect())
}

/// Inserts the provinces and regencies once; later calls see them and do nothing.
#[tracing::instrument(skip(db))]
pub async fn load_reference_data(db: &DatabaseConnection) -> Result<(), AppError> {
    if province::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let txn = crate::db::begin_write(db).await?;
    let provinces: Vec<province::ActiveModel> = rows(PROVINCES_CSV)
        .map(|r| province::ActiveModel {
            code: Set(r[0].to_string()),
            name: Set(r[1].to_string()),
        })
        .collect();
    province::Entity::insert_many(provinces).exec(&txn).await?;
    let regencies: Vec<regency::ActiveModel> = rows(REGENCIES_CSV)
        .map(|r| regency::ActiveModel {
            code: Set(r[0].to_string()),
            province_code: Set(r[1].to_string()),
            name: Set(r[2].to_string()),
        })
        .collect();
    // Stay well under SQLite's bound-parameter limit.
    for chunk in regencies.chunks(200) {
        regency::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    tracing::info!(backend = ?db.get_database_backend(), "loaded the official region list");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_region_files_have_every_province_and_regency() {
        assert_eq!(rows(PROVINCES_CSV).count(), 38);
        assert_eq!(rows(REGENCIES_CSV).count(), 514);
        assert!(rows(REGENCIES_CSV).any(|r| r == ["33.73", "33", "Kota Salatiga"]));
    }
}
