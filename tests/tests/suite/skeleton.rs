//! The walking skeleton, black-box: pages, health, errors and languages over HTTP.
use sayembara_tests::{both_databases, Backend, TestApp};

async fn landing_page_explains_sayembara_in_indonesian(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (status, body) = app.page("/").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"<html lang="id""#),
        "html lang is id: {}",
        &body[..200.min(body.len())]
    );
    assert!(body.contains("Dari gagasan ASN menjadi inovasi pelayanan publik"));
    assert!(
        body.contains("Kompetisi Inovasi Pelayanan Publik Daerah 2027"),
        "the demo competition is listed"
    );
    assert!(body.contains("3 tim terdaftar"));
    assert!(body.contains(r#"<main id="main""#));
    assert!(body.contains("Langsung ke konten utama"));
}
both_databases!(landing_page, landing_page_explains_sayembara_in_indonesian);

async fn healthz_reports_the_database(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers().get("x-request-id").is_some(),
        "each response carries its request id"
    );
    let json: serde_json::Value = response.json().await.unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], "ok");
    let expected = if backend == Backend::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(json["backend"], expected);
}
both_databases!(healthz, healthz_reports_the_database);

async fn unknown_pages_get_a_translated_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, body) = app.page("/tidak-ada-halaman-ini").await;
    assert_eq!(status, 404);
    assert!(body.contains("Halaman tidak ditemukan"));
    assert!(body.contains("Kembali ke beranda"));

    app.choose_language("en", "/").await;
    let (status, body) = app.page("/no/such/page").await;
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    assert!(body.contains(r#"<html lang="en""#));
}
both_databases!(not_found, unknown_pages_get_a_translated_404);

async fn language_choice_is_remembered_and_respected(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app.choose_language("en", "/kompetisi").await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/kompetisi");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("sayembara_lang=en;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));

    let (status, body) = app.page("/").await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"<html lang="en""#));
    assert!(body.contains("From civil servants&#x27;") || body.contains("From civil servants'"));
    assert!(body.contains("Regional Public Service Innovation Competition 2027"));
    assert!(body.contains("3 teams registered"));

    app.choose_language("id", "/").await;
    let (_, body) = app.page("/").await;
    assert!(body.contains(r#"<html lang="id""#));
}
both_databases!(language_switch, language_choice_is_remembered_and_respected);

async fn browser_language_preference_is_used_until_a_choice_is_made(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let body = response.text().await.unwrap();
    assert!(body.contains(r#"<html lang="en""#));
}
both_databases!(
    accept_language,
    browser_language_preference_is_used_until_a_choice_is_made
);

async fn language_switch_never_redirects_off_site(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.choose_language("en", "//evil.example/").await;
    assert_eq!(response.headers()["location"], "/");
}
both_databases!(no_open_redirect, language_switch_never_redirects_off_site);

async fn competition_page_lists_its_teams_with_their_regions(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (status, body) = app.page("/kompetisi/kipp-daerah-2027").await;
    assert_eq!(status, 200);
    assert!(body.contains("Tim Adminduk Sekali Klik"));
    assert!(body.contains("Dinas Kesehatan Kota Pontianak"));
    assert!(body.contains("Kota Salatiga"));
    assert!(body.contains("Kota Medan"));
    assert!(
        body.contains(r#"class="countdown""#),
        "the countdown island is rendered on the server"
    );

    let (status, body) = app.page("/kompetisi/tidak-ada").await;
    assert_eq!(status, 404);
    assert!(body.contains("Halaman tidak ditemukan"));
}
both_databases!(
    competition_page,
    competition_page_lists_its_teams_with_their_regions
);

async fn a_database_failure_shows_a_translated_500_and_fails_health(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    app.db.clone().close().await.unwrap();
    let (status, body) = app.page("/kompetisi").await;
    assert_eq!(status, 500);
    assert!(body.contains("Terjadi kesalahan pada sistem"));
    assert!(
        !body.to_lowercase().contains("pool"),
        "no internal detail leaks: {body}"
    );
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 503);
}
both_databases!(
    server_error,
    a_database_failure_shows_a_translated_500_and_fails_health
);

async fn pages_are_compressed_for_browsers_that_accept_it(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "br");
}
both_databases!(
    compression,
    pages_are_compressed_for_browsers_that_accept_it
);
