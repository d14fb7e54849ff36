//! Requests carrying a NUL character are refused with 400 before anything reads them:
//! PostgreSQL cannot store one in text (it fails the whole statement, which would answer
//! 500) and no form a person fills in contains one. Checked in the path and query, and
//! in every request body but file uploads (multipart, binary by nature).
use app::i18n::{Key, Lang};
use axum::{
    body::Body,
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

/// Form posts larger than this are refused (server functions take short fields).
const MAX_FORM_BODY: usize = 2 * 1024 * 1024;

fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

fn bad_request(request_headers: &axum::http::HeaderMap, status: StatusCode) -> Response {
    let header = |name| {
        request_headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
    };
    let lang = Lang::negotiate(header(header::COOKIE), header(header::ACCEPT_LANGUAGE));
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body><main><h1>{}</h1><p>{}</p><p><a href=\"/\">{}</a></p></main></body></html>",
        lang.code(),
        lang.text(Key::ErrorBadRequestTitle),
        lang.text(Key::ErrorBadRequestTitle),
        lang.text(Key::ErrorBadRequestText),
        lang.text(Key::ErrorBackHome),
    );
    (status, Html(page)).into_response()
}

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let in_uri =
        has_nul(uri.path().as_bytes()) || uri.query().is_some_and(|q| has_nul(q.as_bytes()));
    if in_uri {
        return bad_request(request.headers(), StatusCode::BAD_REQUEST);
    }
    // Server functions read a body whatever its declared type; only file uploads are
    // binary by nature.
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/"));
    let has_body = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    if multipart || !has_body {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BODY).await else {
        return bad_request(&parts.headers, StatusCode::PAYLOAD_TOO_LARGE);
    };
    if has_nul(&bytes) {
        return bad_request(&parts.headers, StatusCode::BAD_REQUEST);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn nul_is_found_raw_and_encoded() {
        assert!(has_nul(b"slug=a%00b"));
        assert!(has_nul(b"a\0b"));
        assert!(!has_nul(b"slug=a%2000b&x=%20"));
        assert!(!has_nul(b"angka=100%"));
    }
}
