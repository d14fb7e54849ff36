//! OAuth2 sign-in end to end against an authorization server on loopback: the real
//! redirect, the code exchange with PKCE and the client secret, userinfo, the session.
use app::entities::user_account;
use sayembara_tests::oauth_provider::{OAuthProvider, ProviderUser};
use sayembara_tests::{both_databases, Backend, TestApp, TestDatabase, PASSWORD};
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
    sign_in_through_provider_from(app, "/masuk/oauth").await
}

/// The same, started from `start` (the link on a sign-in page that carries `lanjut`).
async fn sign_in_through_provider_from(app: &TestApp, start: &str) -> (String, reqwest::Response) {
    let start = app.get(start).await;
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
    assert!(done
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("sayembara_session=")));
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
    app.sign_up("Rina Wulandari", "rina@salatiga.go.id", PASSWORD)
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

async fn the_provider_returns_the_person_where_they_were_going(backend: Backend) {
    let provider = OAuthProvider::start(user("andi@pontianak.go.id", true)).await;
    let app = app_with(&provider, backend).await;
    let (_, page) = app.page("/masuk?lanjut=/gabung%3Fkode%3DAB12CD").await;
    let start = "/masuk/oauth?lanjut=/gabung%3Fkode%3DAB12CD";
    assert!(
        page.contains(&format!(r#"href="{start}""#)),
        "the provider link carries the way back"
    );
    let (_, done) = sign_in_through_provider_from(&app, start).await;
    assert_eq!(done.headers()["location"], "/gabung?kode=AB12CD");

    // Somewhere off this site is never a way back.
    let (_, done) = sign_in_through_provider_from(
        &app.new_browser(),
        "/masuk/oauth?lanjut=https://evil.example/",
    )
    .await;
    assert_eq!(done.headers()["location"], "/");
}
both_databases!(
    oauth_return,
    the_provider_returns_the_person_where_they_were_going
);

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

async fn a_callback_opened_in_another_browser_is_refused(backend: Backend) {
    let provider = OAuthProvider::start(user("andi@pontianak.go.id", true)).await;
    let app = app_with(&provider, backend).await;
    // The attacker starts a sign-in with their own provider account and stops before
    // coming back; they plant the callback link on the victim.
    let attacker = app.new_browser();
    let start = attacker.get("/masuk/oauth").await;
    let binding = start.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        binding.starts_with("sayembara_oauth=") && binding.contains("HttpOnly"),
        "{binding}"
    );
    let authorize = start.headers()["location"].to_str().unwrap().to_string();
    let at_provider = attacker.client.get(&authorize).send().await.unwrap();
    let back = at_provider.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    let callback = &back[back.find("/masuk/oauth/kembali").unwrap()..];

    let victim = app.new_browser();
    let planted = victim.get(callback).await;
    assert_eq!(planted.headers()["location"], "/masuk?oauth=gagal");
    assert!(
        planted
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("sayembara_session=")),
        "the victim is not signed in to the attacker's account"
    );
    // The browser that started it still finishes it.
    let finished = attacker.get(callback).await;
    assert_eq!(finished.headers()["location"], "/");
}
both_databases!(
    oauth_login_csrf,
    a_callback_opened_in_another_browser_is_refused
);

async fn a_squatted_unverified_account_is_handed_over_clean(backend: Backend) {
    let provider = OAuthProvider::start(user("rina@salatiga.go.id", true)).await;
    let app = app_with(&provider, backend).await;
    // Someone signs up with Rina's address and a password of their own, and signs in.
    let squatter = app.new_browser();
    squatter
        .sign_up("Bukan Rina", "rina@salatiga.go.id", "sandi milik penyusup")
        .await;
    let response = squatter
        .sign_in("rina@salatiga.go.id", "sandi milik penyusup")
        .await;
    assert_eq!(squatter.location(&response), "/");
    assert_eq!(squatter.page("/profil").await.0, 200);

    // Rina signs in through the provider, which vouches for the address.
    let rina = app.new_browser();
    let (_, done) = sign_in_through_provider(&rina).await;
    assert_eq!(done.headers()["location"], "/");
    assert_eq!(rina.page("/profil").await.0, 200);
    // The squatter's session is over and their password opens nothing.
    assert_eq!(squatter.page("/profil").await.0, 401);
    let response = squatter
        .sign_in("rina@salatiga.go.id", "sandi milik penyusup")
        .await;
    assert!(sayembara_tests::error_in(&squatter.location(&response)).is_some());
    let account = user_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(account.email_verified_at.is_some());
    assert!(
        account.password_hash.is_none(),
        "the unproven password is dropped"
    );
}
both_databases!(
    oauth_squatter,
    a_squatted_unverified_account_is_handed_over_clean
);
