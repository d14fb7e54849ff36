//! OAuth2 sign-in end to end against an authorization server on loopback: the real
//! redirect, the code exchange with PKCE and the client secret, userinfo, the session.
use app::entities::user_account;
use sayembara_tests::oauth_provider::{OAuthProvider, ProviderUser};
use sayembara_tests::{both_databases, Backend, TestApp, TestDatabase};
use sea_orm::{EntityTrait, PaginatorTrait};

fn user(email: &str, verified: bool) -> ProviderUser {
    ProviderUser {
        email: email.to_string(),
        email_verified: verified,
        name: "Andi Pratama".to_string(),
    }
}

async fn app_with(provider: &OAuthProvider, backend: Backend) -> TestApp {
    let settings = provider.settings();
    TestApp::spawn_with(TestDatabase::new(backend).await, |s| {
        s.oauth = Some(settings)
    })
    .await
}

/// Follows the whole dance as a browser would; returns the app's final answer.
async fn sign_in_through_provider(app: &TestApp) -> (String, reqwest::Response) {
    let start = app.get("/masuk/oauth").await;
    assert_eq!(start.status().as_u16(), 303);
    let authorize = start.headers()["location"].to_str().unwrap().to_string();
    assert!(
        authorize.contains("code_challenge=") && authorize.contains("code_challenge_method=S256")
    );
    let at_provider = app.client.get(&authorize).send().await.unwrap();
    assert_eq!(at_provider.status().as_u16(), 302);
    let back = at_provider.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let path = &back[back
        .find("/masuk/oauth/kembali")
        .expect("back to the callback")..];
    (path.to_string(), app.get(path).await)
}

async fn a_verified_provider_account_signs_in_and_creates_the_account(backend: Backend) {
    let provider = OAuthProvider::start(user("andi@pontianak.go.id", true)).await;
    let app = app_with(&provider, backend).await;
    let (_, page) = app.page("/masuk").await;
    assert!(page.contains("Masuk dengan SSO Uji") && page.contains(r#"href="/masuk/oauth""#));

    let (callback, done) = sign_in_through_provider(&app).await;
    assert_eq!(done.status().as_u16(), 303);
    assert_eq!(done.headers()["location"], "/");
    assert!(done.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("sayembara_session="));
    let (_, home) = app.page("/").await;
    assert!(home.contains("Masuk sebagai Andi Pratama"));
    let account = user_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.email, "andi@pontianak.go.id");
    assert!(account.email_verified_at.is_some() && account.password_hash.is_none());

    // The state works once: replaying the callback is refused.
    let replay = app.new_browser().get(&callback).await;
    assert_eq!(replay.headers()["location"], "/masuk?oauth=gagal");
    let (_, page) = app.page("/masuk?oauth=gagal").await;
    assert!(page.contains("Masuk melalui penyedia akun tidak berhasil"));
}
both_databases!(
    oauth_sign_in,
    a_verified_provider_account_signs_in_and_creates_the_account
);

async fn an_existing_account_is_linked_by_verified_email(backend: Backend) {
    let provider = OAuthProvider::start(user("rina@salatiga.go.id", true)).await;
    let app = app_with(&provider, backend).await;
    app.sign_up(
        "Rina Wulandari",
        "rina@salatiga.go.id",
        "kopi tubruk pagi hari",
    )
    .await;
    let browser = app.new_browser();
    let (_, done) = sign_in_through_provider(&browser).await;
    assert_eq!(done.headers()["location"], "/");
    let (_, home) = browser.page("/").await;
    assert!(
        home.contains("Masuk sebagai Rina Wulandari"),
        "the existing account, not a new one"
    );
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        1
    );
}
both_databases!(oauth_link, an_existing_account_is_linked_by_verified_email);

async fn unverified_addresses_and_forged_states_are_refused(backend: Backend) {
    let provider = OAuthProvider::start(user("palsu@contoh.go.id", false)).await;
    let app = app_with(&provider, backend).await;
    let (_, done) = sign_in_through_provider(&app).await;
    assert_eq!(done.headers()["location"], "/masuk?oauth=gagal");
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    provider.set_user(user("andi@pontianak.go.id", true));
    let forged = app
        .get("/masuk/oauth/kembali?code=code-apa-saja&state=buatan-sendiri")
        .await;
    assert_eq!(forged.headers()["location"], "/masuk?oauth=gagal");
    assert!(forged.headers().get("set-cookie").is_none());
}
both_databases!(
    oauth_refusals,
    unverified_addresses_and_forged_states_are_refused
);
