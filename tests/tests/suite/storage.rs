//! Storage on both databases: migrations, reference data, the demo seed, constraints
//! and survival across a restart.
use app::entities::{competition, organization, province, regency, team};
use sayembara_tests::{both_databases, Backend, TestApp, TestDatabase};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, Set, Statement};

async fn start_up_loads_every_province_and_regency(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(province::Entity::find().count(&app.db).await.unwrap(), 38);
    assert_eq!(regency::Entity::find().count(&app.db).await.unwrap(), 514);
    let salatiga = regency::Entity::find_by_id("33.73".to_string())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(salatiga.name, "Kota Salatiga");
    assert_eq!(salatiga.province_code, "33");
}
both_databases!(regions, start_up_loads_every_province_and_regency);

async fn demo_seed_is_idempotent(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    assert!(
        app::demo::seed(&app.db).await.unwrap(),
        "first seed inserts"
    );
    assert!(
        !app::demo::seed(&app.db).await.unwrap(),
        "second seed does nothing"
    );
    assert_eq!(competition::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(team::Entity::find().count(&app.db).await.unwrap(), 3);
    assert_eq!(
        organization::Entity::find().count(&app.db).await.unwrap(),
        6
    );
}
both_databases!(demo_seed, demo_seed_is_idempotent);

async fn foreign_keys_are_enforced(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let orphan = team::ActiveModel {
        competition_id: Set(999_999),
        organization_id: Set(999_999),
        name: Set("Tim Tanpa Kompetisi".to_string()),
        created_at: Set(chrono_now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await;
    assert!(
        orphan.is_err(),
        "a team must belong to an existing competition"
    );
}
both_databases!(foreign_keys, foreign_keys_are_enforced);

async fn team_names_are_unique_per_competition(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let existing = team::Entity::find().one(&app.db).await.unwrap().unwrap();
    let duplicate = team::ActiveModel {
        competition_id: Set(existing.competition_id),
        organization_id: Set(existing.organization_id),
        name: Set(existing.name.clone()),
        created_at: Set(chrono_now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await;
    assert!(duplicate.is_err());
}
both_databases!(unique_team_names, team_names_are_unique_per_competition);

async fn data_survives_a_restart(backend: Backend) {
    let database = TestDatabase::new(backend).await;
    let first = TestApp::spawn_on(database).await;
    app::demo::seed(&first.db).await.unwrap();
    let TestApp { database, db, .. } = first;
    db.close().await.unwrap();

    // A second start on the same database: migrations and seeds find their work done.
    let second = TestApp::spawn_on(database).await;
    assert_eq!(
        competition::Entity::find().count(&second.db).await.unwrap(),
        1
    );
    assert_eq!(
        regency::Entity::find().count(&second.db).await.unwrap(),
        514
    );
    let (status, body) = second.page("/kompetisi/kipp-daerah-2027").await;
    assert_eq!(status, 200);
    assert!(body.contains("Tim Marelan Tanggap"));
}
both_databases!(restart, data_survives_a_restart);

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let backend = app.db.get_database_backend();
    let mode = app
        .db
        .query_one_raw(Statement::from_string(backend, "PRAGMA journal_mode;"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        mode.try_get_by_index::<String>(0).unwrap().to_lowercase(),
        "wal"
    );
    let fk = app
        .db
        .query_one_raw(Statement::from_string(backend, "PRAGMA foreign_keys;"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fk.try_get_by_index::<i32>(0).unwrap(), 1);
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
