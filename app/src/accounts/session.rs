//! The session cookie. Server-only.
use super::service::SESSION_LIFETIME;

pub const SESSION_COOKIE: &str = "sayembara_session";

/// `HttpOnly` (scripts cannot read it), `SameSite=Lax` (not sent on cross-site posts),
/// `Secure` when the site is served over https.
pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        SESSION_LIFETIME.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// The known-device cookie: set when a browser signs in, it spares its owner the
/// per-account backoff a stranger's guesses cause (`throttle::SIGN_IN_ACCOUNT`).
pub const DEVICE_COOKIE: &str = "sayembara_perangkat";

pub fn device_cookie(token: &str, secure: bool) -> String {
    format!(
        "{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_http_only_and_lax() {
        let cookie = set_cookie("abc", false);
        assert!(cookie.starts_with("sayembara_session=abc;"));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Secure"));
        assert!(set_cookie("abc", true).ends_with("; Secure"));
    }
}
