//! Security headers: each page's scripts carry a fresh nonce that its
//! Content-Security-Policy names (no `unsafe-inline`), nothing frames the site, a
//! signed-in person's pages are never cached, https gets HSTS; and a cross-site request
//! with neither Origin nor Referer is refused. Black-box on both databases.
use sayembara_tests::{both_databases, Backend, TestApp};

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

async fn pages_run_only_their_own_scripts_and_are_never_framed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let mut nonces = Vec::new();
    for path in [
        "/",
        "/kompetisi/kipp-daerah-2027",
        "/halaman-yang-tidak-ada",
    ] {
        let response = app.get(path).await;
        let policy = header(&response, "content-security-policy").expect("a policy");
        assert_eq!(
            header(&response, "x-frame-options").as_deref(),
            Some("DENY")
        );
        assert_eq!(
            header(&response, "x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(
            header(&response, "referrer-policy").as_deref(),
            Some("strict-origin-when-cross-origin")
        );
        assert!(
            header(&response, "strict-transport-security").is_none(),
            "not under http"
        );
        assert_ne!(
            header(&response, "cache-control").as_deref(),
            Some("no-store")
        );
        let body = response.text().await.unwrap();
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("the policy names a nonce")
            .to_string();
        // Every script on the page carries it.
        let scripts = body.matches("<script").count();
        assert!(scripts > 0, "{path} has its hydration script");
        assert!(
            body.matches(&format!("nonce=\"{nonce}\"")).count() >= scripts,
            "{path}: {body}"
        );
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 3, "each response has its own nonce");

    // Other responses allow nothing at all.
    let response = app.get("/healthz").await;
    assert!(header(&response, "content-security-policy")
        .unwrap()
        .starts_with("default-src 'none'"));
}
both_databases!(csp, pages_run_only_their_own_scripts_and_are_never_framed);

async fn a_signed_in_persons_pages_are_not_cached(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    app.signed_in("Rina", "rina@salatiga.go.id").await;
    for path in ["/", "/profil", "/tim"] {
        let response = app.get(path).await;
        assert_eq!(
            header(&response, "cache-control").as_deref(),
            Some("no-store"),
            "{path}"
        );
    }
}
both_databases!(no_store, a_signed_in_persons_pages_are_not_cached);

async fn https_sites_tell_browsers_to_stay_on_https(backend: Backend) {
    let database = sayembara_tests::TestDatabase::new(backend).await;
    let app = TestApp::spawn_with(database, |s| {
        s.public_url = "https://sayembara.example.go.id".to_string()
    })
    .await;
    let response = app.get("/").await;
    assert_eq!(
        header(&response, "strict-transport-security").as_deref(),
        Some("max-age=31536000; includeSubDomains")
    );
}
both_databases!(hsts, https_sites_tell_browsers_to_stay_on_https);

async fn a_cross_site_post_without_origin_or_referer_is_refused(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let post = |site: &'static str| {
        app.client
            .post(app.url("/api/sign_in"))
            .header("accept", "text/html")
            .header("sec-fetch-site", site)
            .form(&[("email", "rina@salatiga.go.id"), ("password", "apa saja")])
            .send()
    };
    assert_eq!(post("cross-site").await.unwrap().status(), 403);
    // The same post from this site (or a client that sends no fetch metadata) goes on.
    assert_eq!(post("same-origin").await.unwrap().status(), 302);
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("origin", "null")
        .form(&[("email", "rina@salatiga.go.id"), ("password", "apa saja")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "a null origin is refused");
}
both_databases!(
    csrf_fetch_metadata,
    a_cross_site_post_without_origin_or_referer_is_refused
);
