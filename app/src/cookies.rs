//! Reading one cookie from a `Cookie` request header.

/// The value of cookie `name` in a `Cookie` header, if present.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::cookie_value;

    #[test]
    fn finds_a_cookie_among_others() {
        assert_eq!(
            cookie_value("a=1; sayembara_lang=en; b=2", "sayembara_lang"),
            Some("en")
        );
        assert_eq!(cookie_value("a=1", "sayembara_lang"), None);
        assert_eq!(cookie_value("xsayembara_lang=en", "sayembara_lang"), None);
    }
}
