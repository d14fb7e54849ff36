//! Structured logs through `tracing`; every request's span carries its request id.
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    // `try_init`: tests start several applications in one process.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Query parameters whose values are secrets: email and invitation tokens, join codes,
/// OAuth codes and state. Logs show the parameter with its value hidden.
/// `lanjut` carries a path that may hold one of the others (an invitation's token).
const SECRET_PARAMETERS: [&str; 6] = ["token", "kode", "code", "state", "__err", "lanjut"];

/// The request's path and query as a log may show it: secret values replaced by `***`.
pub fn loggable_uri(uri: &http::Uri) -> String {
    let Some(query) = uri.query() else {
        return uri.path().to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if SECRET_PARAMETERS.contains(&key) => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{}?{}", uri.path(), query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::loggable_uri;

    #[test]
    fn secrets_in_the_query_are_not_logged() {
        let uri = |s: &str| s.parse::<http::Uri>().unwrap();
        assert_eq!(
            loggable_uri(&uri("/verifikasi?token=abc123&next=/profil")),
            "/verifikasi?token=***&next=/profil"
        );
        assert_eq!(
            loggable_uri(&uri("/gabung?kode=K7P2M9XQ")),
            "/gabung?kode=***"
        );
        assert_eq!(
            loggable_uri(&uri("/masuk?lanjut=/undangan%3Ftoken%3Dabc")),
            "/masuk?lanjut=***"
        );
        assert_eq!(
            loggable_uri(&uri("/masuk/oauth/kembali?code=x&state=y")),
            "/masuk/oauth/kembali?code=***&state=***"
        );
        assert_eq!(loggable_uri(&uri("/kompetisi?q=air")), "/kompetisi?q=air");
        assert_eq!(loggable_uri(&uri("/tim/3")), "/tim/3");
    }
}
