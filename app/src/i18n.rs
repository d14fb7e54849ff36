//! Languages and translated text. The strings live in `locales/*.toml`; `build.rs`
//! turns their keys into [`Key`], so every label in the code is checked at compile time.
use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// The cookie that remembers the visitor's language.
pub const LANG_COOKIE: &str = "sayembara_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub const fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name, shown in the language switch.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::Id => self.text(Key::LangId),
            Lang::En => self.text(Key::LangEn),
        }
    }

    /// The Indonesian or the English one of a stored pair, for this language.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    pub fn text(self, key: Key) -> &'static str {
        match self {
            Lang::Id => TABLE_ID[key as usize],
            Lang::En => TABLE_EN[key as usize],
        }
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn format(self, key: Key, args: &[(&str, &str)]) -> String {
        let mut out = self.text(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A moment shown in Western Indonesia Time, the zone competition deadlines use.
    pub fn datetime(self, at: DateTime<Utc>) -> String {
        let wib = at.with_timezone(&wib());
        self.format(
            Key::DateDatetime,
            &[
                ("day", &wib.day().to_string()),
                ("month", self.month(wib.month0())),
                ("year", &wib.year().to_string()),
                ("hour", &format!("{:02}", wib.hour())),
                ("minute", &format!("{:02}", wib.minute())),
            ],
        )
    }

    /// A day as people write it: "1 September 2026".
    pub fn date(self, day: chrono::NaiveDate) -> String {
        self.format(
            Key::DateDate,
            &[
                ("day", &day.day().to_string()),
                ("month", self.month(day.month0())),
                ("year", &day.year().to_string()),
            ],
        )
    }

    /// A stored `YYYY-MM-DD` day as people write it; other text as it is.
    pub fn date_text(self, stored: &str) -> String {
        chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
            .map(|day| self.date(day))
            .unwrap_or_else(|_| stored.to_string())
    }

    fn month(self, month0: u32) -> &'static str {
        const MONTHS: [Key; 12] = [
            Key::DateM01,
            Key::DateM02,
            Key::DateM03,
            Key::DateM04,
            Key::DateM05,
            Key::DateM06,
            Key::DateM07,
            Key::DateM08,
            Key::DateM09,
            Key::DateM10,
            Key::DateM11,
            Key::DateM12,
        ];
        self.text(MONTHS[month0 as usize % 12])
    }

    /// The language for a request: the remembered choice, else the browser's first
    /// supported preference, else Indonesian.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
        let from_cookie = cookie_header
            .and_then(|header| crate::cookies::cookie_value(header, LANG_COOKIE))
            .and_then(Lang::parse);
        from_cookie
            .or_else(|| {
                accept_language?.split(',').find_map(|tag| {
                    let primary = tag.split(';').next()?.trim().split('-').next()?;
                    Lang::parse(primary)
                })
            })
            .unwrap_or_default()
    }
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text of `key` in the language of the page being rendered.
pub fn t(key: Key) -> &'static str {
    use_lang().text(key)
}

/// Western Indonesia Time (UTC+7), the zone competitions keep their deadlines in.
fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// A moment for a spreadsheet: WIB, sortable and readable in any language
/// (`2026-12-01 22:12 WIB`).
pub fn wib_stamp(at: DateTime<Utc>) -> String {
    at.with_timezone(&wib())
        .format("%Y-%m-%d %H:%M WIB")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn indonesian_is_the_default_without_cookie_or_preference() {
        assert_eq!(Lang::negotiate(None, None), Lang::Id);
        assert_eq!(Lang::negotiate(None, Some("fr-FR,de;q=0.8")), Lang::Id);
    }

    #[test]
    fn the_cookie_wins_over_the_browser_preference() {
        let cookie = format!("a=b; {LANG_COOKIE}=en; c=d");
        assert_eq!(Lang::negotiate(Some(&cookie), Some("id-ID")), Lang::En);
        let cookie = format!("{LANG_COOKIE}=id");
        assert_eq!(Lang::negotiate(Some(&cookie), Some("en-GB,en")), Lang::Id);
    }

    #[test]
    fn an_unknown_cookie_value_falls_back_to_the_browser_preference() {
        let cookie = format!("{LANG_COOKIE}=xx");
        assert_eq!(
            Lang::negotiate(Some(&cookie), Some("en-US,en;q=0.9")),
            Lang::En
        );
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for (i, name) in NAMES.iter().enumerate() {
            assert!(!TABLE_ID[i].trim().is_empty(), "id: {name} is empty");
            assert!(!TABLE_EN[i].trim().is_empty(), "en: {name} is empty");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            Lang::En.format(Key::CompetitionTeamsCount, &[("count", "3")]),
            "3 teams registered"
        );
        assert_eq!(
            Lang::Id.format(Key::CompetitionTeamsCount, &[("count", "3")]),
            "3 tim terdaftar"
        );
    }

    #[test]
    fn days_read_as_people_write_them() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        assert_eq!(Lang::Id.date(day), "1 September 2026");
        assert_eq!(Lang::En.date_text("2026-08-17"), "17 August 2026");
        assert_eq!(Lang::Id.date_text("bukan tanggal"), "bukan tanggal");
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 15, 12, 0).unwrap();
        assert_eq!(wib_stamp(at), "2026-12-01 22:12 WIB");
    }

    #[test]
    fn deadlines_are_shown_in_western_indonesia_time() {
        let at = Utc.with_ymd_and_hms(2027, 1, 31, 16, 59, 0).unwrap();
        assert_eq!(Lang::Id.datetime(at), "31 Januari 2027, pukul 23.59 WIB");
        assert_eq!(Lang::En.datetime(at), "31 January 2027, 23:59 WIB");
    }
}
