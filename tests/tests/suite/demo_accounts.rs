//! With the demo on, on a loopback address, the server makes one account per role with
//! a fresh password and reports them once; never on another address, never twice.
use sayembara_tests::{both_databases, Backend, TestApp, TestDatabase};
use sea_orm::EntityTrait;
use server::{Application, Settings};

async fn each_role_has_a_demo_account_on_loopback_only_and_once(backend: Backend) {
    let database = TestDatabase::new(backend).await;
    let mut settings = Settings::for_test(database.url.clone(), database.data_dir());
    settings.seed_demo = true;
    let first = Application::build(settings).await.expect("builds");
    let accounts = first.demo_accounts().to_vec();
    assert_eq!(
        accounts.len(),
        7,
        "admin, organizer, juror, mentor, organization admin, two participants"
    );
    let mut passwords: Vec<&str> = accounts.iter().map(|a| a.password.as_str()).collect();
    passwords.sort();
    passwords.dedup();
    assert_eq!(passwords.len(), 7);
    assert!(passwords.iter().all(|p| p.len() >= 16));
    drop(first);

    // Started again on the same database: nothing new is made or shown.
    let mut again = Settings::for_test(database.url.clone(), database.data_dir());
    again.seed_demo = true;
    assert!(Application::build(again)
        .await
        .unwrap()
        .demo_accounts()
        .is_empty());

    // Each account signs in and finds its role's page.
    let app = TestApp::spawn_on(database).await;
    let salatiga = sayembara_tests::demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let members = format!("/organisasi/{salatiga}/anggota");
    let pages = [
        "/admin/organisasi",
        "/kelola/kipp-daerah-2027",
        "/tim",
        "/tim",
        members.as_str(),
        "/tim",
        "/kompetisi/kipp-daerah-2027/daftar-tim",
    ];
    for (account, page) in accounts.iter().zip(pages) {
        let browser = app.new_browser();
        let response = browser.sign_in(account.email, &account.password).await;
        assert_eq!(
            browser.location(&response),
            "/",
            "{} signs in",
            account.email
        );
        let (status, _) = browser.page(page).await;
        assert_eq!(status, 200, "{} opens {page}", account.email);
    }
    let lead = app.new_browser();
    lead.sign_in(accounts[5].email, &accounts[5].password).await;
    let (_, teams) = lead.page("/tim").await;
    assert!(
        teams.contains("Tim Adminduk Sekali Klik"),
        "the first participant leads a team"
    );
}
both_databases!(
    demo_accounts,
    each_role_has_a_demo_account_on_loopback_only_and_once
);

async fn no_demo_accounts_on_a_public_address(backend: Backend) {
    let database = TestDatabase::new(backend).await;
    let mut settings = Settings::for_test(database.url.clone(), database.data_dir());
    settings.seed_demo = true;
    settings.addr = "0.0.0.0:0".parse().unwrap();
    let app = Application::build(settings).await.expect("builds");
    assert!(app.demo_accounts().is_empty());
    // Behind a proxy, loopback is not private either.
    let mut proxied = Settings::for_test(database.url.clone(), database.data_dir());
    proxied.seed_demo = true;
    proxied.trust_proxy = true;
    assert!(Application::build(proxied)
        .await
        .unwrap()
        .demo_accounts()
        .is_empty());
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let accounts = app::entities::user_account::Entity::find()
        .filter(app::entities::user_account::Column::PasswordHash.is_not_null())
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(
        accounts, 0,
        "the demo competition, but no accounts with known passwords"
    );
    // The finished competition is there, its results published and verifying.
    let report = app::judging::freeze::check_slug(app.db(), "kipp-daerah-2025")
        .await
        .unwrap()
        .expect("frozen");
    assert!(report.ok(), "{report}");
    let awards = app::entities::award::Entity::find()
        .count(app.db())
        .await
        .unwrap();
    assert_eq!(awards, 3, "a winner, a runner-up and an honourable mention");
}
both_databases!(public_address, no_demo_accounts_on_a_public_address);
