//! Limits on guessing and on expensive work hold under parallel requests, cannot be
//! dodged by a header the client writes, and cannot be used by a stranger to lock the
//! owner out; expired rows are purged.
use app::entities::{auth_attempt, email_token, mail_outbox, oauth_state, session};
use app::i18n::Key;
use chrono::{Duration, Utc};
use sayembara_tests::{both_databases, demo, error_in, Backend, TestApp, PASSWORD};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const EMAIL: &str = "rina.wulandari@salatiga.go.id";

/// The message keys a sign-in answer carried at the email field.
fn email_errors(location: &str) -> Vec<String> {
    match error_in(location) {
        Some(Ok(app::error::AppError::Validation(errors))) => {
            errors.errors.get("email").cloned().unwrap_or_default()
        }
        other => panic!("expected a refusal at the field, got {other:?} at {location}"),
    }
}

/// Signs in from the client address `client` (as a trusted proxy reports it).
async fn sign_in_from(app: &TestApp, client: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .header("referer", app.url("/masuk"))
        .header("x-forwarded-for", client)
        .form(&[("email", EMAIL), ("password", password)])
        .send()
        .await
        .unwrap()
}

async fn spawn_behind_proxy(backend: Backend) -> TestApp {
    let database = sayembara_tests::TestDatabase::new(backend).await;
    TestApp::spawn_with(database, |s| s.trust_proxy = true).await
}

async fn parallel_wrong_passwords_try_at_most_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.signed_in("Rina Wulandari", EMAIL).await;
    app.sign_out().await;
    let tries = (0..40).map(|_| {
        let browser = app.new_browser();
        async move {
            let response = browser.sign_in(EMAIL, "tebakan yang salah").await;
            email_errors(&browser.location(&response))
        }
    });
    let answers = futures::future::join_all(tries).await;
    let tried = answers
        .iter()
        .filter(|keys| keys.contains(&Key::AccountsErrorCredentials.name().to_string()))
        .count();
    let refused = answers
        .iter()
        .filter(|keys| keys.contains(&Key::AccountsErrorTooMany.name().to_string()))
        .count();
    assert!(
        tried <= 5,
        "{tried} of 40 parallel guesses were checked against a limit of 5"
    );
    assert_eq!(tried + refused, 40);
    let recorded = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Scope.eq("sign_in_pair"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(
        recorded as usize, tried,
        "only the tries that were checked count"
    );
}
both_databases!(
    parallel_guesses,
    parallel_wrong_passwords_try_at_most_the_limit
);

async fn a_stranger_elsewhere_cannot_lock_the_owner_out(backend: Backend) {
    let app = spawn_behind_proxy(backend).await;
    app.signed_in("Rina Wulandari", EMAIL).await;
    app.sign_out().await;
    // The stranger fails five times from their address, rewriting the part of
    // X-Forwarded-For they control each time: the proxy's own entry is what counts.
    for i in 0..6 {
        let response = sign_in_from(&app, &format!("10.9.9.{i}, 203.0.113.7"), "salah").await;
        let keys = email_errors(&app.location(&response));
        let expected = if i < 5 {
            Key::AccountsErrorCredentials
        } else {
            Key::AccountsErrorTooMany
        };
        assert_eq!(keys, vec![expected.name().to_string()], "try {i}");
    }
    // The owner, at their own address, signs in at once.
    let owner = app.new_browser();
    let response = sign_in_from(&owner, "198.51.100.20", PASSWORD).await;
    assert_eq!(owner.location(&response), "/");
    assert!(response.headers().get("set-cookie").is_some());
}
both_databases!(no_lock_out, a_stranger_elsewhere_cannot_lock_the_owner_out);

async fn guesses_from_many_addresses_slow_down_instead_of_locking(backend: Backend) {
    let app = spawn_behind_proxy(backend).await;
    app.signed_in("Rina Wulandari", EMAIL).await;
    app.sign_out().await;
    // Ten addresses, one guess each (each its own browser): all checked.
    for i in 0..10 {
        let stranger = app.new_browser();
        let response = sign_in_from(&stranger, &format!("203.0.113.{i}"), "salah").await;
        let keys = email_errors(&stranger.location(&response));
        assert_eq!(keys, vec![Key::AccountsErrorCredentials.name().to_string()]);
    }
    // The eleventh, at once, from a browser the account never used, must wait, even
    // with the right password...
    let elsewhere = app.new_browser();
    let response = sign_in_from(&elsewhere, "198.51.100.20", PASSWORD).await;
    assert_eq!(
        email_errors(&elsewhere.location(&response)),
        vec![Key::AccountsErrorTooMany.name().to_string()]
    );
    // ...but only a second: the owner is slowed down, never locked out.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let response = sign_in_from(&elsewhere, "198.51.100.20", PASSWORD).await;
    assert_eq!(elsewhere.location(&response), "/");
}
both_databases!(
    account_backoff,
    guesses_from_many_addresses_slow_down_instead_of_locking
);

async fn invitations_to_one_address_are_limited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Ketua Tim", "ketua@salatiga.go.id").await;
    lead.register_team("Tim Undang", "Pemerintah Kota Salatiga", "")
        .await;
    let team = demo::team_named(&app, "Tim Undang").await.id;
    for i in 0..6 {
        let response = lead.invite_to_team(team, "korban@contoh.go.id").await;
        let location = lead.location(&response);
        if i < 5 {
            sayembara_tests::assert_no_error(&location);
        } else {
            match error_in(&location) {
                Some(Ok(app::error::AppError::Validation(errors))) => assert_eq!(
                    errors.errors["invite_email"],
                    vec![Key::AccountsErrorTooMany.name().to_string()]
                ),
                other => panic!("the sixth invitation was not limited: {other:?}"),
            }
        }
    }
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq("korban@contoh.go.id"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(mails, 5);
}
both_databases!(invite_limit, invitations_to_one_address_are_limited);

async fn sign_up_for_a_taken_address_takes_as_long_as_a_new_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.signed_in("Rina Wulandari", EMAIL).await;
    async fn timed(app: &TestApp, email: &str) -> std::time::Duration {
        let browser = app.new_browser();
        let started = std::time::Instant::now();
        let response = browser.sign_up("Seseorang", email, PASSWORD).await;
        assert_eq!(browser.location(&response), "/daftar/periksa-email");
        started.elapsed()
    }
    let mut taken = Vec::new();
    let mut new = Vec::new();
    // Twice: with the first sign-up, the three a window allows for one address.
    for i in 0..2 {
        taken.push(timed(&app, EMAIL).await);
        new.push(timed(&app, &format!("baru{i}@contoh.go.id")).await);
    }
    taken.sort();
    new.sort();
    // Without hashing, a taken address answered in a small fraction of the time.
    assert!(
        taken[1] * 3 >= new[0],
        "taken {taken:?} vs new {new:?}: the answer tells who has an account"
    );
}
both_databases!(
    sign_up_timing,
    sign_up_for_a_taken_address_takes_as_long_as_a_new_one
);

async fn a_reset_with_an_unknown_token_is_refused_before_hashing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .submit(
            "/atur-ulang-sandi?token=palsu",
            "/api/reset_password",
            &[("token", "palsu"), ("password", "sandi baru yang panjang")],
        )
        .await;
    match error_in(&app.location(&response)) {
        Some(Ok(app::error::AppError::Validation(errors))) => assert_eq!(
            errors.errors["password"],
            vec![Key::AccountsErrorResetInvalid.name().to_string()]
        ),
        other => panic!("{other:?}"),
    }
    // Nothing was counted against the client for a token that does not exist.
    let counted = auth_attempt::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(counted, 0);
}
both_databases!(
    reset_unknown_token,
    a_reset_with_an_unknown_token_is_refused_before_hashing
);

async fn expired_rows_are_purged_and_live_ones_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.signed_in("Rina Wulandari", EMAIL).await;
    let user = demo::user_id(&app, EMAIL).await;
    let old = Utc::now() - Duration::days(40);
    for (scope, at) in [("sign_in_pair", old), ("sign_in_pair", Utc::now())] {
        auth_attempt::ActiveModel {
            scope: Set(scope.into()),
            subject: Set("x".into()),
            at: Set(at),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    oauth_state::ActiveModel {
        id: Set("expired-state".into()),
        pkce_verifier: Set("v".into()),
        lang: Set("id".into()),
        next: Set(None),
        expires_at: Set(Utc::now() - Duration::minutes(1)),
    }
    .insert(&app.db)
    .await
    .unwrap();
    email_token::ActiveModel {
        id: Set("expired-token".into()),
        user_id: Set(user),
        purpose: Set("verify_email".into()),
        expires_at: Set(Utc::now() - Duration::minutes(1)),
        used_at: Set(None),
        created_at: Set(old),
    }
    .insert(&app.db)
    .await
    .unwrap();
    session::ActiveModel {
        id: Set("idle-session".into()),
        user_id: Set(user),
        created_at: Set(old),
        last_seen_at: Set(old),
        expires_at: Set(Utc::now() + Duration::days(1)),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let sessions_before = session::Entity::find().count(&app.db).await.unwrap();

    let purged = app::accounts::housekeeping::purge_expired(&app.db)
        .await
        .unwrap();
    assert_eq!(purged.attempts, 1);
    assert_eq!(purged.oauth_states, 1);
    assert!(purged.email_tokens >= 1);
    assert_eq!(purged.sessions, 1);
    let left = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Subject.eq("x"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 1, "the attempt inside the window stays");
    assert_eq!(
        session::Entity::find().count(&app.db).await.unwrap(),
        sessions_before - 1
    );
    // The live session still works.
    let (_, page) = app.page("/profil").await;
    assert!(page.contains("Rina Wulandari"));
}
both_databases!(purge, expired_rows_are_purged_and_live_ones_kept);

async fn the_owners_own_browser_is_not_slowed_by_strangers_guesses(backend: Backend) {
    let app = spawn_behind_proxy(backend).await;
    // The owner signed in from this browser before: it holds a known-device cookie.
    app.signed_in("Rina Wulandari", EMAIL).await;
    app.sign_out().await;
    // Strangers guess from eleven addresses: the account is slowed down for everyone...
    for i in 0..11 {
        let stranger = app.new_browser();
        sign_in_from(&stranger, &format!("203.0.113.{i}"), "salah").await;
    }
    let elsewhere = app.new_browser();
    let response = sign_in_from(&elsewhere, "198.51.100.99", PASSWORD).await;
    assert_eq!(
        email_errors(&elsewhere.location(&response)),
        vec![Key::AccountsErrorTooMany.name().to_string()]
    );
    // ...but not in the owner's own browser, which signs in at once.
    let response = sign_in_from(&app, "198.51.100.20", PASSWORD).await;
    assert_eq!(app.location(&response), "/");
}
both_databases!(
    known_device,
    the_owners_own_browser_is_not_slowed_by_strangers_guesses
);

async fn role_invitations_to_one_address_are_limited_too(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let invite = || admin.invite_to_role(demo::SLUG, "korban@contoh.go.id", "juror");
    for _ in 0..5 {
        admin.expect_done(&invite().await);
    }
    let response = invite().await;
    match error_in(&admin.location(&response)) {
        Some(Ok(app::error::AppError::Validation(errors))) => assert_eq!(
            errors.errors["invite_email"],
            vec![Key::AccountsErrorTooMany.name().to_string()]
        ),
        other => panic!("the sixth invitation was not limited: {other:?}"),
    }
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq("korban@contoh.go.id"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(mails, 5);
}
both_databases!(
    role_invite_limit,
    role_invitations_to_one_address_are_limited_too
);
