//! Junk, as a stranger or a broken client sends it, never makes the server fail: every
//! server function gets missing, mistyped and wrongly encoded arguments, every page odd
//! paths and parameters; each answer is a refusal (4xx, or a form sent back with the
//! error), never a 5xx, and no redirect carries a value that would leave the site.
use sayembara_tests::{both_databases, demo, error_in, Backend, TestApp, PASSWORD};

/// Bodies that are not what a server function expects.
fn junk_bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("application/x-www-form-urlencoded", b"".to_vec()),
        ("application/x-www-form-urlencoded", b"team=abc&id=-&slug=%ZZ&&=".to_vec()),
        ("application/x-www-form-urlencoded", b"team=99999999999999999999&version=1e400".to_vec()),
        ("application/json", br#"{"team": "x", "slug": 12}"#.to_vec()),
        ("application/x-www-form-urlencoded", br#"{"slug":"kipp-daerah-2027"}"#.to_vec()),
        ("text/plain", vec![0xff, 0xfe, 0x00, 0x01]),
        // Server functions read a body whatever its declared type.
        ("text/plain", b"query=a%00&slug=kipp%00&email=a%00@b.id".to_vec()),
        (
            "application/x-www-form-urlencoded",
            b"slug=kipp-daerah-2027%09%0A%00&team=1&next=/%09/evil.example".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"slug=kipp-daerah-2027%09%0A&team=1&id=1&next=/%09/evil.example&email=x%40y&role=juror".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            format!("slug={}&team=1&body={}", "k".repeat(5000), "x".repeat(100_000)).into_bytes(),
        ),
    ]
}

async fn junk_to_every_server_function_is_refused_never_a_server_error(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    app.signed_in("Penguji Sembarang", "sembarang@contoh.go.id")
        .await;
    let paths = app::server_function_paths();
    assert!(
        paths.len() > 40,
        "the server functions are registered: {paths:?}"
    );
    let mut probes = 0;
    let mut failures = Vec::new();
    for path in &paths {
        for (content_type, body) in junk_bodies() {
            for accept in ["text/html", "application/json"] {
                probes += 1;
                let response = app
                    .client
                    .post(app.url(path))
                    .header("content-type", content_type)
                    .header("accept", accept)
                    .header("referer", app.url("/kompetisi"))
                    .body(body.clone())
                    .send()
                    .await
                    .expect("request sent");
                let status = response.status();
                let location = response
                    .headers()
                    .get("location")
                    .map(|l| l.to_str().unwrap().to_string());
                let internal = matches!(
                    location.as_deref().and_then(error_in),
                    Some(Ok(app::error::AppError::Internal))
                );
                if status.is_server_error() || internal {
                    failures.push(format!(
                        "{path} {content_type} {accept}: {status} {location:?}"
                    ));
                }
                if let Some(location) = &location {
                    let on_site = location.starts_with(&app.address)
                        || app::site::paths::is_local_path(location);
                    assert!(on_site, "{path} sent the browser to {location}");
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {probes} probes failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
both_databases!(
    junk_to_server_functions,
    junk_to_every_server_function_is_refused_never_a_server_error
);

async fn a_malformed_call_is_a_bad_request_with_a_translated_message(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    // A script (no text/html): the status says whose fault it is.
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("email=a@b.id")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    // A refusal keeps its own status too.
    let response = app
        .client
        .post(app.url("/api/save_team_wanted"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("slug=kipp-daerah-2027&team=1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    // A browser's form post goes back to the form with the message.
    let response = app
        .submit("/masuk", "/api/sign_in", &[("email", "a@b.id")])
        .await;
    let location = app.location(&response);
    assert_eq!(
        sayembara_tests::refusal(&location),
        app::error::AppError::BadRequest
    );
    let (_, page) = app.page(&location).await;
    assert!(
        page.contains("tidak lengkap atau formatnya salah"),
        "{page}"
    );
}
both_databases!(
    malformed_call,
    a_malformed_call_is_a_bad_request_with_a_translated_message
);

async fn control_characters_in_a_form_never_reach_a_redirect_header(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Ketua Iseng", "iseng@contoh.go.id").await;
    lead.register_team("Tim Iseng", "Pemerintah Kota Salatiga", "")
        .await;
    let team = demo::team_named(&app, "Tim Iseng").await.id.to_string();
    let page = "/kompetisi/kipp-daerah-2027/cari-tim";
    // Before the fix these slugs reached `leptos_axum::redirect` (the service reads only
    // the team) and the request panicked on a header value.
    for slug in ["kipp\ndaerah", "kipp\tdaerah", "kipp daerah é"] {
        let response = lead
            .submit(
                page,
                "/api/save_team_wanted",
                &[("slug", slug), ("team", &team), ("wanted_skills", "Rust")],
            )
            .await;
        assert!(
            response.status().is_redirection(),
            "{slug:?}: {}",
            response.status()
        );
        let location = lead.location(&response);
        sayembara_tests::assert_no_error(&location);
        assert!(location.bytes().all(|b| b.is_ascii_graphic()), "{location}");
    }
    // A path with a tab and line breaks is not this site's; signing in goes home.
    for next in [
        "/\t/evil.example",
        "/%09/evil.example",
        "/\\evil.example",
        "/\r\n/evil.example",
    ] {
        let browser = app
            .person(
                "Pengguna Lanjut",
                &format!("lanjut{}@contoh.go.id", next.len()),
            )
            .await;
        let response = browser
            .submit(
                "/masuk",
                "/api/sign_in",
                &[
                    ("email", &format!("lanjut{}@contoh.go.id", next.len())),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(browser.location(&response), "/", "{next:?}");
    }
}
both_databases!(
    control_characters,
    control_characters_in_a_form_never_reach_a_redirect_header
);

async fn odd_paths_and_parameters_answer_a_page_never_a_server_error(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    app.signed_in("Penjelajah", "jelajah@contoh.go.id").await;
    for path in [
        "/kompetisi/%09",
        "/kompetisi/%00/cari-tim",
        "/kompetisi/kipp-daerah-2027/cari-tim?cari=%ZZ",
        "/tim/abc",
        "/tim/99999999999999999999/proposal",
        "/tim/-1/proposal/riwayat",
        "/kelola/kipp-daerah-2027/peserta?kategori=x&provinsi=%FF",
        "/kelola/kipp-daerah-2027/peserta.csv?kategori=%00",
        "/tim/1/proposal/lampiran/abc",
        "/bahasa/xx?next=%0D%0ASet-Cookie:x=1",
        "/undangan?token=%00",
        "/verifikasi-email?token=",
        "/atur-ulang-sandi?token=%FF",
    ] {
        let response = app.get(path).await;
        assert!(
            !response.status().is_server_error(),
            "{path}: {}",
            response.status()
        );
    }
}
both_databases!(
    odd_paths,
    odd_paths_and_parameters_answer_a_page_never_a_server_error
);
