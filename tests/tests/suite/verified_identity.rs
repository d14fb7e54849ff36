//! An address proves nothing until it is verified: an unverified account may sign in
//! and verify, and is told why anything else waits; admin promotion, roles, invitations
//! and teams act only on proven addresses. Black-box on both databases.
use app::entities::user_account;
use app::error::AppError;
use sayembara_tests::{both_databases, demo, refusal, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn account(app: &TestApp, email: &str) -> user_account::Model {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the account exists")
}

async fn an_address_on_the_admin_list_is_promoted_only_once_verified(backend: Backend) {
    const BOSS: &str = "kepala@kemenpan.go.id";
    let database = sayembara_tests::TestDatabase::new(backend).await;
    let app = TestApp::spawn_with(database, |s| s.admin_emails = vec![BOSS.to_string()]).await;
    let browser = app.unverified_person("Bukan Kepala", BOSS).await;
    // A start-up (as after a deploy) does not promote an address nobody proved.
    let mut settings =
        server::Settings::for_test(app.database.url.clone(), app.database.data_dir());
    settings.admin_emails = vec![BOSS.to_string()];
    server::Application::build(settings)
        .await
        .expect("second instance");
    assert!(!account(&app, BOSS).await.is_admin);
    assert_eq!(browser.page("/admin/organisasi").await.0, 403);

    // The owner opens the link in the mail: proven, and promoted.
    let (status, _) = browser.verify_email(BOSS).await;
    assert_eq!(status, 200);
    assert!(account(&app, BOSS).await.is_admin);
    assert_eq!(browser.page("/admin/organisasi").await.0, 200);
}
both_databases!(
    admin_list,
    an_address_on_the_admin_list_is_promoted_only_once_verified
);

async fn an_unverified_account_registers_and_joins_no_team_and_is_told_why(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Terbukti", "Pemerintah Kota Salatiga", "")
        .await;
    let code = demo::team_named(&app, "Tim Terbukti")
        .await
        .join_code
        .unwrap();

    let newcomer = app
        .unverified_person("Andi Baru", "andi@pontianak.go.id")
        .await;
    let (location, page) = newcomer
        .register_team("Tim Belum Terbukti", "Pemerintah Kota Salatiga", "")
        .await;
    assert_eq!(refusal(&location), AppError::Unverified);
    assert!(
        page.contains("menunggu sampai alamat email Anda terverifikasi"),
        "{page}"
    );

    // The join page says why before anything is sent; a post is refused all the same.
    let (_, page) = newcomer.page(&format!("/gabung?kode={code}")).await;
    assert!(
        page.contains("menunggu sampai alamat email Anda terverifikasi"),
        "{page}"
    );
    let (location, _) = newcomer.join_team(&code).await;
    assert!(sayembara_tests::error_in(&location).is_some());
    let members = demo::team_named(&app, "Tim Terbukti").await;
    let count = app::entities::team_member::Entity::find()
        .filter(app::entities::team_member::Column::TeamId.eq(members.id))
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(count, 1);

    // Verified, the same person joins.
    newcomer.verify_email("andi@pontianak.go.id").await;
    let (location, _) = newcomer.join_team(&code).await;
    sayembara_tests::assert_no_error(&location);
}
both_databases!(
    unverified_teams,
    an_unverified_account_registers_and_joins_no_team_and_is_told_why
);

async fn an_invitation_link_is_not_taken_by_another_unproven_account(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    admin.expect_done(
        &admin
            .invite_to_role(demo::SLUG, "juri@ugm.ac.id", "juror")
            .await,
    );
    let link = app.link_in(&app.last_mail_to("juri@ugm.ac.id").await.body);
    let token = link.trim_start_matches("/undangan?token=").to_string();
    // Someone signed in under another address they never proved opens the link.
    let other = app
        .unverified_person("Orang Lain", "lain@contoh.go.id")
        .await;
    let response = other
        .submit(&link, "/api/accept_invitation", &[("token", &token)])
        .await;
    assert_eq!(refusal(&other.location(&response)), AppError::Unverified);
    let roles = app::entities::competition_role::Entity::find()
        .filter(
            app::entities::competition_role::Column::UserId
                .eq(account(&app, "lain@contoh.go.id").await.id),
        )
        .all(&app.db)
        .await
        .unwrap();
    assert!(roles.is_empty());
}
both_databases!(
    invitation_unproven,
    an_invitation_link_is_not_taken_by_another_unproven_account
);
