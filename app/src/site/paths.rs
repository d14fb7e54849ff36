//! Paths passed around in query strings and `Location` headers: encoding them, and
//! accepting only this site's. Every redirect a server function makes goes through
//! [`redirect`]; a unit test below fails on a `leptos_axum::redirect` anywhere else.

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

/// Percent-decodes, leaving a malformed escape as it is.
fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `path` names a page on this site, read the way a browser would: browsers
/// drop tabs and line breaks from a URL and treat `\` as `/`, so `/\t/host` and `/\host`
/// both lead off-site. Checked as given and once percent-decoded.
pub fn is_local_path(path: &str) -> bool {
    let safe = |p: &str| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.contains('\\')
            && !p.chars().any(char::is_control)
    };
    safe(path) && safe(&percent_decode(path))
}

/// `next` if it is a path on this site, else `/`: an open redirect would let a link
/// here send people anywhere.
pub fn local_path(next: Option<&str>) -> String {
    next.filter(|n| is_local_path(n)).unwrap_or("/").to_string()
}

/// `page` with `lanjut=next` added, so the person returns to `next` afterwards (sign-in,
/// sign-up, verification carry it through); just `page` when there is nowhere to return
/// to or `next` is not a path on this site.
pub fn with_next(page: &str, next: &str) -> String {
    if next == "/" || !is_local_path(next) {
        return page.to_string();
    }
    let join = if page.contains('?') { '&' } else { '?' };
    format!("{page}{join}lanjut={}", encode_query_value(next))
}

/// A local path made fit for a `Location` header: characters a header cannot carry
/// (spaces, non-ASCII, controls) are percent-encoded. Never fails.
pub fn location(path: &str) -> String {
    let path = if is_local_path(path) {
        path
    } else {
        // A path built from a request's own values (a slug, say) that is not local.
        "/"
    };
    path.bytes()
        .map(|b| {
            if b.is_ascii_graphic()
                && !matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'^')
            {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Sends the browser on to `path` on this site once the server function succeeds. The
/// one door to `leptos_axum::redirect`, which panics on a value a header cannot carry.
#[cfg(feature = "ssr")]
pub fn redirect(path: &str) {
    leptos_axum::redirect(&location(path));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_back_is_carried_only_when_it_stays_here() {
        assert_eq!(
            with_next("/masuk", "/gabung?kode=AB12"),
            "/masuk?lanjut=/gabung%3Fkode%3DAB12"
        );
        assert_eq!(
            with_next("/verifikasi?token=t", "/tim/3"),
            "/verifikasi?token=t&lanjut=/tim/3"
        );
        assert_eq!(with_next("/masuk", "/"), "/masuk");
        assert_eq!(with_next("/masuk", "https://evil.example"), "/masuk");
        assert_eq!(with_next("/masuk", "//evil.example"), "/masuk");
    }

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(local_path(Some("/kompetisi?x=1")), "/kompetisi?x=1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(Some("/\t/evil.example")), "/");
        assert_eq!(local_path(Some("/\n/evil.example")), "/");
        assert_eq!(local_path(Some("/%09/evil.example")), "/");
        assert_eq!(local_path(Some("/%2F/evil.example")), "/");
        assert_eq!(local_path(Some("/%5Cevil.example")), "/");
        assert_eq!(local_path(Some(" /x")), "/");
        assert_eq!(local_path(Some("/kompetisi/a%20b")), "/kompetisi/a%20b");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn locations_carry_only_what_a_header_can() {
        assert_eq!(
            location("/kompetisi/a b/cari-tim"),
            "/kompetisi/a%20b/cari-tim"
        );
        assert_eq!(location("/kompetisi/é"), "/kompetisi/%C3%A9");
        assert_eq!(location("/kompetisi/a\tb"), "/");
        assert_eq!(location("/kompetisi/a\u{7f}b"), "/");
        assert_eq!(
            location("/tim/3?tersimpan=kode#anggota"),
            "/tim/3?tersimpan=kode#anggota"
        );
        for path in ["/a\r\nSet-Cookie: x=1", "/\u{0}", "/é\u{202e}", "/%"] {
            let value = location(path);
            assert!(value.bytes().all(|b| b.is_ascii_graphic()), "{value}");
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("/undangan?token=a&b"),
            "/undangan%3Ftoken%3Da%26b"
        );
    }

    /// Every redirect goes through [`redirect`]: `leptos_axum::redirect` panics on a
    /// value no header can carry, and only this module makes sure it never gets one.
    #[test]
    fn no_redirect_bypasses_this_module() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("site/paths.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains("leptos_axum::redirect(") {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(found.is_empty(), "use site::paths::redirect in {found:?}");
    }
}
