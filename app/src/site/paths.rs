//! Paths passed around in query strings: encoding them, and accepting only this site's.

/// Percent-encodes a path for use as a query value.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `next` if it is a path on this site, else `/`: an open redirect would let a link
/// here send people anywhere.
pub fn local_path(next: Option<&str>) -> String {
    next.filter(|n| {
        n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && !n.contains(['\r', '\n'])
    })
    .unwrap_or("/")
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(local_path(Some("/kompetisi?x=1")), "/kompetisi?x=1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("/undangan?token=a&b"),
            "/undangan%3Ftoken%3Da%26b"
        );
    }
}
