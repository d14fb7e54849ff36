//! Cross-site request forgery: a state-changing request is accepted only from this site.
//! The session cookie is `SameSite=Lax`; on top of that, a POST (or other unsafe method)
//! whose `Origin` (or, lacking it, `Referer`) names another host, or is `null`, is
//! refused; so is one that carries neither but that the browser marks
//! `Sec-Fetch-Site: cross-site`.
use axum::{
    extract::Request,
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split('/').next().unwrap_or(rest))
}

pub async fn same_origin_only(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    match (host, source) {
        (Some(host), Some(source)) if host_of(source) != Some(host) => {
            tracing::warn!(%host, %source, "cross-site request refused");
            StatusCode::FORBIDDEN.into_response()
        }
        (_, None) if fetch_site == Some("cross-site") => {
            tracing::warn!("cross-site request without origin refused");
            StatusCode::FORBIDDEN.into_response()
        }
        _ => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_are_read_from_origins_and_referers() {
        assert_eq!(host_of("http://127.0.0.1:3000"), Some("127.0.0.1:3000"));
        assert_eq!(
            host_of("https://sayembara.go.id/masuk?x=1"),
            Some("sayembara.go.id")
        );
        assert_eq!(host_of("null"), None);
    }
}
