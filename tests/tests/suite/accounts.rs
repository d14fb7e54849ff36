//! Accounts, black-box: sign-up, verification by the emailed link, sign-in, sessions
//! kept in the database, sign-out, and the form errors a person sees.
use app::entities::{session, user_account};
use chrono::{Duration, Utc};
use sayembara_tests::{both_databases, Backend, TestApp, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const EMAIL: &str = "rina.wulandari@salatiga.go.id";

async fn verified_user(app: &TestApp) {
    let response = app.sign_up("Rina Wulandari", EMAIL, PASSWORD).await;
    assert_eq!(app.location(&response), "/daftar/periksa-email");
    let (status, _) = app.verify_email(EMAIL).await;
    assert_eq!(status, 200);
}

async fn sign_up_verify_sign_in_and_out(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, form) = app.page("/daftar").await;
    assert_eq!(status, 200);
    assert!(
        form.contains(r#"<form method="post" action="/daftar">"#),
        "a plain form that works without JavaScript"
    );

    let response = app
        .sign_up(
            "  Rina   Wulandari ",
            "Rina.Wulandari@Salatiga.go.id",
            PASSWORD,
        )
        .await;
    assert!(response.status().is_redirection());
    assert_eq!(app.location(&response), "/daftar/periksa-email");
    let (_, page) = app.page("/daftar/periksa-email").await;
    assert!(page.contains("Periksa email Anda"));

    let mail = app.last_mail_to(EMAIL).await;
    assert_eq!(mail.subject, "Verifikasi alamat email Anda di Sayembara");
    assert!(mail.body.contains("Halo Rina Wulandari"));
    let link = app.link_in(&mail.body);
    assert!(link.starts_with("/verifikasi?token="), "{link}");

    let (status, page) = app.page(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Alamat email terverifikasi"), "{page}");
    let user = user_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(user.email_verified_at.is_some());
    assert_eq!(user.name, "Rina Wulandari");
    assert!(user
        .password_hash
        .as_deref()
        .unwrap()
        .starts_with("$argon2id$"));

    // The link works once.
    let (_, page) = app.page(&link).await;
    assert!(page.contains("Tautan tidak berlaku"));

    let response = app.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(app.location(&response), "/");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("sayembara_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let (_, home) = app.page("/").await;
    assert!(
        home.contains("Masuk sebagai Rina Wulandari"),
        "the header shows who is signed in"
    );

    app.sign_out().await;
    let (_, home) = app.page("/").await;
    assert!(!home.contains("Masuk sebagai"));
    assert!(home.contains(r#"href="/masuk""#));
    assert_eq!(
        session::Entity::find().count(&app.db).await.unwrap(),
        0,
        "the session is gone from the database"
    );
}
both_databases!(sign_up_flow, sign_up_verify_sign_in_and_out);

async fn every_form_problem_is_shown_at_once_and_typing_is_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .sign_up("Budi Santoso", "budi@pontianak", "pendek")
        .await;
    let back = app.location(&response);
    assert!(back.starts_with("/daftar?"), "back to the form: {back}");
    let (_, page) = app.page(&back).await;
    assert!(page.contains("Ada masalah"), "the error summary");
    assert!(page.contains("Masukkan alamat email dengan format yang benar"));
    assert!(page.contains("Kata sandi minimal 10 karakter"));
    assert!(page.contains(r#"value="Budi Santoso""#), "the name is kept");
    assert!(
        page.contains(r#"value="budi@pontianak""#),
        "the email is kept"
    );
    assert!(!page.contains("pendek"), "the password is never sent back");
    assert!(
        page.contains(r##"href="#field-email""##),
        "the summary links to the field"
    );
    assert!(page.contains(r#"aria-invalid="true""#));
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}
both_databases!(
    sign_up_errors,
    every_form_problem_is_shown_at_once_and_typing_is_kept
);

/// Reads the `<input …>` tag whose id is `id` out of a page.
fn input_tag<'a>(page: &'a str, id: &str) -> &'a str {
    let at = page
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("no #{id} in the page"));
    let start = page[..at].rfind("<input").expect("an input");
    let end = at + page[at..].find('>').expect("the tag ends");
    &page[start..=end]
}

/// Every address the page names: links, form actions, sources.
fn addresses_in(page: &str) -> Vec<&str> {
    ["href=\"", "action=\"", "src=\""]
        .iter()
        .flat_map(|attribute| {
            page.match_indices(attribute).map(move |(at, _)| {
                let rest = &page[at + attribute.len()..];
                &rest[..rest.find('"').unwrap_or(rest.len())]
            })
        })
        .collect()
}

async fn the_browser_checks_the_sign_up_fields_as_the_server_does(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, page) = app.page("/daftar").await;
    let name = input_tag(&page, "field-name");
    assert!(
        name.contains("required") && name.contains(r#"autocomplete="name""#),
        "{name}"
    );
    let email = input_tag(&page, "field-email");
    assert!(
        email.contains(r#"type="email""#) && email.contains("required"),
        "{email}"
    );
    let password = input_tag(&page, "field-password");
    for attribute in [
        r#"type="password""#,
        "required",
        r#"minlength="10""#,
        r#"autocomplete="new-password""#,
    ] {
        assert!(password.contains(attribute), "{attribute} in {password}");
    }
    // No maxlength: the browser would cut a long pasted password without a word (it counts
    // UTF-16 units); the server says when one is too long.
    assert!(!password.contains("maxlength"), "{password}");
    assert_eq!(
        app::accounts::domain::Password::MIN_CHARS,
        10,
        "minlength says the server's rule"
    );
    assert_eq!(app::accounts::domain::Password::MAX_CHARS, 128);
    let organization = input_tag(&page, "field-organization");
    assert!(
        !organization.contains("required"),
        "the organization is optional"
    );
}
both_databases!(
    sign_up_browser_checks,
    the_browser_checks_the_sign_up_fields_as_the_server_does
);

async fn a_refused_sign_up_answers_with_the_form_and_the_password_in_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let password = r#"kopi "tubruk" & gula aren"#;
    let escaped = "kopi &quot;tubruk&quot; &amp; gula aren";
    // An address a browser lets through but the server refuses: only the server finds it.
    let response = app
        .submit(
            "/daftar?lanjut=/kompetisi",
            "/daftar?lanjut=/kompetisi",
            &[
                ("name", "Budi Santoso"),
                ("email", "budi@pontianak"),
                ("password", password),
                ("organization", ""),
                ("next", "/kompetisi"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "the form itself, not a redirect");
    assert!(response.headers().get("location").is_none());
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // A page like any other: its scripts carry the nonce its policy names.
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce")
        .to_string();
    let page = response.text().await.unwrap();
    let scripts = page.matches("<script").count();
    assert!(scripts > 0 && page.matches(&format!("nonce=\"{nonce}\"")).count() >= scripts);
    assert!(page.contains("Ada masalah"), "the error summary");
    assert!(page.contains("Masukkan alamat email dengan format yang benar"));
    assert!(input_tag(&page, "field-name").contains(r#"value="Budi Santoso""#));
    assert!(input_tag(&page, "field-email").contains(r#"value="budi@pontianak""#));
    let field = input_tag(&page, "field-password");
    assert!(
        field.contains(&format!(r#"value="{escaped}""#)),
        "the password is back in its field: {field}"
    );
    assert!(
        !page.contains(password),
        "escaped, so it cannot end the attribute"
    );
    assert_eq!(
        page.matches(escaped).count(),
        1,
        "in the field and nowhere else"
    );
    for address in addresses_in(&page) {
        assert!(
            !address.contains("tubruk"),
            "no address carries the password: {address}"
        );
    }
    assert!(
        page.contains(r#"<form method="post" action="/daftar?lanjut=/kompetisi">"#)
            && page.contains(r#"name="next" value="/kompetisi""#),
        "the way back is kept"
    );
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    // A password the server refuses is not put back: it has to change anyway.
    let response = app
        .submit(
            "/daftar",
            "/daftar",
            &[
                ("name", "Budi Santoso"),
                ("email", "budi@pontianak.go.id"),
                ("password", "pendek"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Kata sandi minimal 10 karakter"));
    assert!(!page.contains("pendek"));

    // Corrected, it signs up and redirects; the redirect carries no password either.
    let response = app
        .submit(
            "/daftar?lanjut=/kompetisi",
            "/daftar?lanjut=/kompetisi",
            &[
                ("name", "Budi Santoso"),
                ("email", "budi@pontianak.go.id"),
                ("password", password),
                ("next", "/kompetisi"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = app.location(&response);
    assert_eq!(location, "/daftar/periksa-email");
    let verify = app.link_in(&app.last_mail_to("budi@pontianak.go.id").await.body);
    assert!(verify.ends_with("&lanjut=/kompetisi"), "{verify}");
    assert!(!verify.contains("tubruk"));

    // Pages an earlier release rendered post to the server function: its redirect back
    // carries what was typed, never the password.
    let response = app
        .submit(
            "/daftar",
            "/api/sign_up",
            &[
                ("name", "Sari"),
                ("email", "sari@pontianak"),
                ("password", "teh manis hangat"),
            ],
        )
        .await;
    let location = app.location(&response);
    sayembara_tests::refusal(&location);
    assert!(
        !location.contains("teh") && !location.contains("manis"),
        "{location}"
    );
}
both_databases!(
    sign_up_refusal_keeps_the_password,
    a_refused_sign_up_answers_with_the_form_and_the_password_in_it
);

async fn junk_posted_to_the_sign_up_form_is_refused_never_a_server_error(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let bodies: [(&str, &[u8]); 6] = [
        ("application/x-www-form-urlencoded", b""),
        ("application/x-www-form-urlencoded", b"name=a&name=b"),
        (
            "application/x-www-form-urlencoded",
            b"name=%ZZ&email=%FF%FE",
        ),
        (
            "application/x-www-form-urlencoded",
            b"next=/%09/evil.example&name=x",
        ),
        ("application/json", br#"{"name": "x"}"#),
        ("text/plain", &[0xff, 0xfe, 0x00, 0x01]),
    ];
    for (content_type, body) in bodies {
        let response = app
            .client
            .post(app.url("/daftar"))
            .header("content-type", content_type)
            .header("origin", &app.address)
            .body(body.to_vec())
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert!(
            status.is_client_error(),
            "{content_type} {body:?}: {status}"
        );
        if let Some(location) = response.headers().get("location") {
            panic!("{content_type}: redirected to {location:?}");
        }
    }
    // Another site's form cannot post it.
    let response = app
        .client
        .post(app.url("/daftar"))
        .header("origin", "https://evil.example")
        .form(&[
            ("name", "x"),
            ("email", "x@evil.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        user_account::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}
both_databases!(
    sign_up_form_junk,
    junk_posted_to_the_sign_up_form_is_refused_never_a_server_error
);

async fn wrong_password_and_unknown_address_get_the_same_answer(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    let wrong_password = app.sign_in(EMAIL, "bukan kata sandinya").await;
    let unknown = app.sign_in("siapa@contoh.go.id", PASSWORD).await;
    for response in [wrong_password, unknown] {
        assert!(response.headers().get("set-cookie").is_none(), "no session");
        let (_, page) = app.page(&app.location(&response)).await;
        assert!(page.contains("Alamat email atau kata sandi salah"));
    }
    let (_, home) = app.page("/").await;
    assert!(!home.contains("Masuk sebagai"));
}
both_databases!(
    sign_in_errors,
    wrong_password_and_unknown_address_get_the_same_answer
);

async fn signing_up_twice_does_not_reveal_or_duplicate_the_account(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    let response = app
        .sign_up("Orang Lain", EMAIL, "kata sandi lain sekali")
        .await;
    assert_eq!(
        app.location(&response),
        "/daftar/periksa-email",
        "the same answer as a new address"
    );
    let mail = app.last_mail_to(EMAIL).await;
    assert_eq!(
        mail.subject,
        "Percobaan pendaftaran dengan alamat email Anda"
    );
    let accounts = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(EMAIL))
        .count(&app.db)
        .await;
    assert_eq!(accounts.unwrap(), 1);
}
both_databases!(
    duplicate_sign_up,
    signing_up_twice_does_not_reveal_or_duplicate_the_account
);

async fn a_session_survives_a_restart(backend: Backend) {
    let database = sayembara_tests::TestDatabase::new(backend).await;
    let first = TestApp::spawn_on(database).await;
    verified_user(&first).await;
    let response = first.sign_in(EMAIL, PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let TestApp { database, db, .. } = first;
    db.close().await.unwrap();

    let second = TestApp::spawn_on(database).await;
    let home = second
        .client
        .get(second.url("/"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Masuk sebagai Rina Wulandari"));
}
both_databases!(session_restart, a_session_survives_a_restart);

async fn idle_and_expired_sessions_end(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    app.sign_in(EMAIL, PASSWORD).await;
    let (_, home) = app.page("/").await;
    assert!(home.contains("Masuk sebagai"));
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            (Utc::now() - Duration::days(8)).into(),
        )
        .exec(&app.db)
        .await
        .unwrap();
    let (_, home) = app.page("/").await;
    assert!(
        !home.contains("Masuk sebagai"),
        "idle for more than a week: signed out"
    );
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}
both_databases!(session_idle, idle_and_expired_sessions_end);

async fn signing_in_again_rotates_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    app.sign_in(EMAIL, PASSWORD).await;
    let first = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    app.sign_in(EMAIL, PASSWORD).await;
    let sessions = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(sessions.len(), 1, "the old session is ended");
    assert_ne!(sessions[0].id, first.id);
}
both_databases!(session_rotation, signing_in_again_rotates_the_session);

async fn cross_site_posts_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("origin", "https://evil.example")
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}
both_databases!(csrf, cross_site_posts_are_refused);

async fn two_instances_share_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    let response = app.sign_in(EMAIL, PASSWORD).await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let other = app.another_instance().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let home = |address: String| {
        let client = client.clone();
        let cookie = cookie.clone();
        async move {
            client
                .get(format!("{address}/"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert!(
        home(other.clone())
            .await
            .contains("Masuk sebagai Rina Wulandari"),
        "signed in on the other instance"
    );

    // Signing out on the other instance ends the session everywhere.
    let response = client
        .post(format!("{other}/api/sign_out"))
        .header("cookie", &cookie)
        .header("accept", "text/html")
        .header("referer", format!("{other}/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    assert!(!home(app.address.clone()).await.contains("Masuk sebagai"));
}
both_databases!(two_instances, two_instances_share_sessions);

async fn repeated_failed_sign_ins_are_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    for _ in 0..5 {
        app.sign_in(EMAIL, "tebakan yang salah").await;
    }
    // Even the right password is refused now, with a message that says why.
    let response = app.sign_in(EMAIL, PASSWORD).await;
    assert!(response.headers().get("set-cookie").is_none());
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Terlalu banyak percobaan"), "{page}");
    // An address without an account is throttled the same way: no enumeration.
    for _ in 0..5 {
        app.sign_in("tidak.ada@contoh.go.id", "tebakan yang salah")
            .await;
    }
    let response = app
        .sign_in("tidak.ada@contoh.go.id", "tebakan yang salah")
        .await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Terlalu banyak percobaan"));
}
both_databases!(sign_in_throttle, repeated_failed_sign_ins_are_throttled);

async fn a_forgotten_password_is_reset_by_the_emailed_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    app.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 1);

    let response = app.request_password_reset(EMAIL).await;
    assert_eq!(app.location(&response), "/lupa-sandi/terkirim");
    let unknown = app.request_password_reset("tidak.ada@contoh.go.id").await;
    assert_eq!(
        app.location(&unknown),
        "/lupa-sandi/terkirim",
        "the same answer for an unknown address"
    );

    let mail = app.last_mail_to(EMAIL).await;
    assert_eq!(mail.subject, "Atur ulang kata sandi Sayembara Anda");
    let link = app.link_in(&mail.body);
    assert!(link.starts_with("/atur-ulang-sandi?token="));
    let (status, page) = app.page(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Buat kata sandi baru"));

    // A too-short password is refused at the field; the link still works afterwards.
    let response = app.reset_password(&link, "pendek").await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Kata sandi minimal 10 karakter"));

    let response = app.reset_password(&link, "nasi goreng kampung").await;
    assert_eq!(app.location(&response), "/atur-ulang-sandi/selesai");
    assert_eq!(
        session::Entity::find().count(&app.db).await.unwrap(),
        0,
        "every old session is ended"
    );

    // Single use.
    let response = app.reset_password(&link, "soto ayam lamongan").await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Tautan ini salah, sudah dipakai, atau sudah kedaluwarsa"));

    let old = app.sign_in(EMAIL, PASSWORD).await;
    assert!(
        old.headers().get("set-cookie").is_none(),
        "the old password no longer works"
    );
    let new = app.sign_in(EMAIL, "nasi goreng kampung").await;
    assert!(new.headers().get("set-cookie").is_some());
}
both_databases!(
    password_reset,
    a_forgotten_password_is_reset_by_the_emailed_link
);

async fn the_profile_needs_sign_in_and_saves_checked_details(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, page) = app.page("/profil").await;
    assert_eq!(status, 401);
    assert!(page.contains("Silakan masuk terlebih dahulu"));
    let response = app.update_profile("Penyusup", "", "").await;
    assert_eq!(
        sayembara_tests::refusal(&app.location(&response)),
        app::error::AppError::Unauthorized,
        "refused when signed out"
    );

    verified_user(&app).await;
    app.sign_in(EMAIL, PASSWORD).await;
    let (status, page) = app.page("/profil").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"value="Rina Wulandari""#));

    let response = app.update_profile("Rina W.", "0812", "123").await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Masukkan nomor telepon 8 sampai 15 angka"));
    assert!(page.contains("NIP terdiri dari 18 angka"));
    assert!(
        page.contains(r#"value="Rina W.""#),
        "what was typed is kept"
    );
    let stored = user_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.name, "Rina Wulandari",
        "nothing saved from an invalid form"
    );

    // Eighteen digits that cannot be a NIP: appointed at sixteen.
    let response = app
        .update_profile("Rina W.", "+62 812 3456 7890", "19850312 200101 1 004")
        .await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Angka ke-9 sampai ke-14 NIP adalah tahun dan bulan pengangkatan"));
    assert!(
        page.contains(r#"value="19850312 200101 1 004""#),
        "what was typed is kept"
    );

    let response = app
        .update_profile("Rina W.", "+62 812 3456 7890", "19850312 201001 1 004")
        .await;
    assert_eq!(app.location(&response), "/profil?tersimpan=profil");
    let (_, page) = app.page("/profil?tersimpan=profil").await;
    assert!(page.contains("Profil tersimpan."));
    let stored = user_account::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Rina W.");
    assert_eq!(stored.phone.as_deref(), Some("+62 812 3456 7890"));
    assert_eq!(stored.nip.as_deref(), Some("198503122010011004"));
}
both_databases!(profile, the_profile_needs_sign_in_and_saves_checked_details);

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    verified_user(&app).await;
    // Another device signed in too.
    let other = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    other
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .header("referer", app.url("/masuk"))
        .form(&[("email", EMAIL), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    app.sign_in(EMAIL, PASSWORD).await;
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 2);

    let wrong = [
        ("current_password", "bukan ini sama sekali"),
        ("new_password", "nasi goreng kampung"),
    ];
    let response = app.submit("/profil", "/api/change_password", &wrong).await;
    let (_, page) = app.page(&app.location(&response)).await;
    assert!(page.contains("Kata sandi saat ini salah"));

    // From a page still showing an earlier confirmation, the error comes alone: one
    // notice at a time, the newest.
    let (_, saved) = app.page("/profil?tersimpan=profil").await;
    assert!(saved.contains("Profil tersimpan."));
    let response = app
        .submit("/profil?tersimpan=profil", "/api/change_password", &wrong)
        .await;
    let back = app.location(&response);
    assert!(
        back.contains("tersimpan=profil") && back.contains("__err="),
        "{back}"
    );
    let (_, page) = app.page(&back).await;
    assert!(page.contains("Kata sandi saat ini salah"));
    assert!(
        !page.contains("Profil tersimpan."),
        "the earlier confirmation is gone"
    );

    let right = [
        ("current_password", PASSWORD),
        ("new_password", "nasi goreng kampung"),
    ];
    let response = app.submit("/profil", "/api/change_password", &right).await;
    assert_eq!(app.location(&response), "/profil?tersimpan=sandi");
    assert_eq!(
        session::Entity::find().count(&app.db).await.unwrap(),
        1,
        "only this session remains"
    );
    let (_, home) = app.page("/").await;
    assert!(
        home.contains("Masuk sebagai Rina Wulandari"),
        "still signed in here"
    );
    let fresh = app.sign_in(EMAIL, "nasi goreng kampung").await;
    assert!(fresh.headers().get("set-cookie").is_some());
}
both_databases!(
    change_password,
    changing_the_password_needs_the_current_one_and_ends_other_sessions
);

async fn an_unverified_person_asks_for_a_new_verification_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "lupa.verifikasi@salatiga.go.id";
    app.sign_up("Dewi", email, PASSWORD).await;
    let first = app.last_mail_to(email).await;
    app.sign_in(email, PASSWORD).await;
    let (_, page) = app.page("/profil").await;
    assert!(page.contains("Alamat email Anda belum diverifikasi"));

    let response = app.submit("/profil", "/api/resend_verification", &[]).await;
    let (location, page) = app.follow(&response).await;
    assert_eq!(location, "/profil?tersimpan=verifikasi");
    assert!(page.contains("Tautan verifikasi baru telah dikirim"));
    let second = app.last_mail_to(email).await;
    assert_ne!(first.id, second.id);
    assert_ne!(app.link_in(&first.body), app.link_in(&second.body));

    // A few per window, then the limit is said at the button.
    app.submit("/profil", "/api/resend_verification", &[]).await;
    app.submit("/profil", "/api/resend_verification", &[]).await;
    let response = app.submit("/profil", "/api/resend_verification", &[]).await;
    let (_, page) = app.follow(&response).await;
    assert!(page.contains("Terlalu banyak percobaan"));

    // The new link verifies; the notice goes away.
    app.page(&app.link_in(&second.body)).await;
    let (_, page) = app.page("/profil").await;
    assert!(!page.contains("Alamat email Anda belum diverifikasi"));
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(account.email_verified_at.is_some());
}
both_databases!(
    resend_verification,
    an_unverified_person_asks_for_a_new_verification_link
);
