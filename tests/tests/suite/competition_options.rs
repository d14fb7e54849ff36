//! Editing a competition's details keeps its categories and groups: registered teams keep
//! the category they chose through reordering and renaming; removing one a team chose is
//! refused with the teams named and what was typed kept; the database refuses a dangling
//! choice. Black-box on both databases.
use app::entities::{competition, competition_option, team};
use sayembara_tests::{both_databases, demo, rows, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const SETUP: &str = "/kelola/kipp-daerah-2027";

/// The demo competition's details as its form posts them, with these category rows
/// (each with the stored id it edits, if any).
async fn details(app: &TestApp, categories: &[(Option<i32>, &str)]) -> Vec<(String, String)> {
    let row = demo::competition(app).await;
    // The groups as stored, each row with its id (a row without one would be new).
    let groups: Vec<(Option<i32>, String)> = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(row.id))
        .filter(competition_option::Column::Kind.eq("group"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (Some(o.id), format!("{} | {}", o.name_id, o.name_en)))
        .collect();
    let groups: Vec<(Option<i32>, &str)> = groups.iter().map(|(id, l)| (*id, l.as_str())).collect();
    vec![
        ("slug", row.slug.clone()),
        ("title_id", row.title_id.clone()),
        ("title_en", row.title_en.clone()),
        ("summary_id", row.summary_id.clone()),
        ("summary_en", row.summary_en.clone()),
        ("description_id", row.description_id.clone()),
        ("description_en", row.description_en.clone()),
        ("rules_id", row.rules_id.clone()),
        ("rules_en", row.rules_en.clone()),
        ("kind", "innovation".to_string()),
        ("team_min", row.team_min.to_string()),
        ("team_max", row.team_max.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .chain(rows::rows(
        "options",
        "categories",
        &rows::OPTION_COLUMNS,
        categories,
    ))
    .chain(rows::rows(
        "options",
        "groups",
        &rows::OPTION_COLUMNS,
        &groups,
    ))
    .collect()
}

async fn category_of(app: &TestApp, team: &str) -> competition_option::Model {
    let team = demo::team_named(app, team).await;
    competition_option::Entity::find_by_id(team.category_option_id.expect("a category"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the team's category exists")
}

async fn teams_keep_their_category_through_edits(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    // The demo form helper picks the first category: Kesehatan.
    lead.register_team("Tim Sehat", "Pemerintah Kota Salatiga", "")
        .await;
    let chosen = category_of(&app, "Tim Sehat").await;
    assert_eq!(chosen.name_id, "Kesehatan");
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let save = |categories: Vec<(Option<i32>, &'static str)>| {
        let (admin, app) = (&admin, &app);
        async move {
            let fields = details(app, &categories).await;
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            admin
                .submit(SETUP, "/api/save_competition_details", &fields)
                .await
        }
    };

    let stored: Vec<(i32, String)> = competition_option::Entity::find()
        .filter(competition_option::Column::Kind.eq("category"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.name_id))
        .collect();
    let id_of = |name: &str| stored.iter().find(|(_, n)| n == name).map(|(id, _)| *id);
    let (perizinan, digital) = (id_of("Perizinan"), id_of("Layanan digital"));
    assert!(perizinan.is_some() && digital.is_some(), "{stored:?}");

    // Moved down and renamed in English: the same row.
    let response = save(vec![
        (perizinan, "Perizinan | Licensing"),
        (Some(chosen.id), "Kesehatan | Health care"),
        (digital, "Layanan digital | Digital services"),
    ])
    .await;
    sayembara_tests::assert_no_error(&admin.location(&response));
    let now = category_of(&app, "Tim Sehat").await;
    assert_eq!(
        (now.id, now.position, now.name_en.as_str()),
        (chosen.id, 1, "Health care")
    );

    // Renamed in both languages where it stands: still the same row.
    let response = save(vec![
        (perizinan, "Perizinan | Licensing"),
        (Some(chosen.id), "Kesehatan masyarakat | Public health"),
        (digital, "Layanan digital | Digital services"),
    ])
    .await;
    sayembara_tests::assert_no_error(&admin.location(&response));
    assert_eq!(category_of(&app, "Tim Sehat").await.id, chosen.id);
    assert_eq!(
        category_of(&app, "Tim Sehat").await.name_id,
        "Kesehatan masyarakat"
    );

    // Removed while a team chose it: refused, naming the team, the form kept as typed.
    let response = save(vec![
        (perizinan, "Perizinan | Licensing"),
        (digital, "Layanan digital | Digital services"),
    ])
    .await;
    let location = admin.location(&response);
    match sayembara_tests::refusal(&location) {
        app::error::AppError::Validation(errors) => {
            assert_eq!(
                errors.errors["categories"],
                vec![app::i18n::Key::SetupErrorOptionInUse.name().to_string()]
            );
            assert_eq!(errors.value("categories_1_name_en"), "Digital services");
        }
        other => panic!("{other:?}"),
    }
    let (_, page) = admin.page(&location).await;
    assert!(page.contains("sudah dipilih tim"), "{page}");
    assert!(page.contains("Tim Sehat"));
    assert_eq!(category_of(&app, "Tim Sehat").await.id, chosen.id);
    let count = competition_option::Entity::find()
        .filter(competition_option::Column::Kind.eq("category"))
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(count, 3, "nothing of the refused edit was saved");

    // The database itself refuses to leave a team's choice dangling.
    let deleted = competition_option::Entity::delete_by_id(chosen.id)
        .exec(&app.db)
        .await;
    assert!(deleted.is_err(), "an option a team chose cannot be deleted");
    let competition = competition::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let stray = team::Entity::update_many()
        .col_expr(
            team::Column::CategoryOptionId,
            sea_orm::sea_query::Expr::value(987_654),
        )
        .filter(team::Column::CompetitionId.eq(competition.id))
        .exec(&app.db)
        .await;
    assert!(
        stray.is_err(),
        "a team cannot point at an option that does not exist"
    );
}
both_databases!(option_identity, teams_keep_their_category_through_edits);
