//! Changes to a published competition are on the record (the part, who, when, before and
//! after), and a moved deadline is mailed to the teams. A draft changes freely.
use app::entities::competition_audit;
use sayembara_tests::{both_databases, demo, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn records(app: &TestApp) -> Vec<competition_audit::Model> {
    competition_audit::Entity::find()
        .order_by_asc(competition_audit::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

async fn a_published_competitions_changes_are_kept_and_deadlines_mailed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Tercatat", "Pemerintah Kota Salatiga", "")
        .await;
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let admin_id = demo::user_id(&app, "admin@kemenpan.go.id").await;
    let setup = format!("/kelola/{}", demo::SLUG);

    // The eligibility rule changes: kept as it was and as it is, with who.
    admin
        .done(
            &setup,
            "/api/save_competition_eligibility",
            &[
                ("slug", demo::SLUG),
                ("eligible[regency]", "on"),
                ("min_months_running", "24"),
                ("max_earlier_wins", "1"),
            ],
        )
        .await;
    let kept = records(&app).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].area, "eligibility");
    assert_eq!(kept[0].by_user_id, Some(admin_id));
    assert!(
        kept[0].after.contains("24") && !kept[0].before.contains("\"min_months_running\":24"),
        "{kept:?}"
    );

    // Saving the same again changes nothing and records nothing.
    admin
        .done(
            &setup,
            "/api/save_competition_eligibility",
            &[
                ("slug", demo::SLUG),
                ("eligible[regency]", "on"),
                ("min_months_running", "24"),
                ("max_earlier_wins", "1"),
            ],
        )
        .await;
    assert_eq!(records(&app).await.len(), 1);

    // Registration ends now: the timeline is on the record and the team hears of it.
    admin
        .done(
            &setup,
            "/api/change_stage",
            &[
                ("slug", demo::SLUG),
                ("stage", "registration"),
                ("action", "end"),
            ],
        )
        .await;
    let kept = records(&app).await;
    assert_eq!(kept.last().unwrap().area, "timeline");
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(mail.subject.contains("Batas waktu"), "{}", mail.subject);
    assert!(
        mail.body.contains("Sebelumnya:") && mail.body.contains("/kompetisi/kipp-daerah-2027"),
        "{}",
        mail.body
    );
}
both_databases!(
    published_record,
    a_published_competitions_changes_are_kept_and_deadlines_mailed
);

async fn a_draft_changes_without_a_record(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    admin
        .done(
            "/kelola",
            "/api/create_competition",
            &[
                ("new_title_id", "Hackathon Data 2028"),
                ("new_title_en", "Data Hackathon 2028"),
                ("new_slug", "hackathon-data-2028"),
                ("new_kind", "hackathon"),
            ],
        )
        .await;
    let mut fields = vec![("slug".to_string(), "hackathon-data-2028".to_string())];
    fields.extend(sayembara_tests::rows::rows(
        "template",
        "template",
        &sayembara_tests::rows::SECTION_COLUMNS,
        &[(None, "Masalah | Problem | 300")],
    ));
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    admin
        .done(
            "/kelola/hackathon-data-2028",
            "/api/save_proposal_template",
            &fields,
        )
        .await;
    let kept = competition_audit::Entity::find()
        .filter(competition_audit::Column::Area.eq("template"))
        .all(&app.db)
        .await
        .unwrap();
    assert!(kept.is_empty());
}
both_databases!(draft_record, a_draft_changes_without_a_record);
