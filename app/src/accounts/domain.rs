//! Parsed account input. Shared with the browser so it can pre-check with the same
//! rules the server enforces; the server always parses again.
use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::i18n::Key;

/// A lower-cased, plausible email address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, Key> {
        let email = input.trim().to_lowercase();
        if email.is_empty() {
            return Err(Key::AccountsErrorEmailRequired);
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Email(email))
        } else {
            Err(Key::AccountsErrorEmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password within length limits. Not `Serialize`: it never leaves the server again.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(input: &str) -> Result<Password, Key> {
        let chars = input.chars().count();
        if chars < Self::MIN_CHARS || input.trim().is_empty() {
            Err(Key::AccountsErrorPasswordTooShort)
        } else if chars > Self::MAX_CHARS {
            Err(Key::AccountsErrorPasswordTooLong)
        } else {
            Ok(Password(input.to_string()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A person's name as they write it, trimmed, inner whitespace collapsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(input: &str) -> Result<PersonName, Key> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            Err(Key::AccountsErrorNameRequired)
        } else if name.chars().count() > Self::MAX_CHARS {
            Err(Key::AccountsErrorNameTooLong)
        } else {
            Ok(PersonName(name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Rina@Salatiga.GO.ID ").unwrap().as_str(),
            "rina@salatiga.go.id"
        );
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "rina",
            "rina@",
            "@salatiga.go.id",
            "rina@salatiga",
            "ri na@x.id",
            "a@b@c.id",
            "a@x..id",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(Key::AccountsErrorEmailInvalid),
                "{bad}"
            );
        }
        assert_eq!(Email::parse("   "), Err(Key::AccountsErrorEmailRequired));
    }

    #[test]
    fn short_and_blank_passwords_are_rejected() {
        assert_eq!(
            Password::parse("pendek").unwrap_err(),
            Key::AccountsErrorPasswordTooShort
        );
        assert_eq!(
            Password::parse("            ").unwrap_err(),
            Key::AccountsErrorPasswordTooShort
        );
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err(),
            Key::AccountsErrorPasswordTooLong
        );
        assert!(Password::parse("kopi tubruk pagi hari").is_ok());
    }

    #[test]
    fn passwords_never_show_in_debug_output() {
        let password = Password::parse("rahasia sekali").unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
    }

    #[test]
    fn names_are_tidied_and_limited() {
        assert_eq!(
            PersonName::parse("  Rina   Wulandari ").unwrap().as_str(),
            "Rina Wulandari"
        );
        assert_eq!(
            PersonName::parse(" ").unwrap_err(),
            Key::AccountsErrorNameRequired
        );
        assert_eq!(
            PersonName::parse(&"a".repeat(121)).unwrap_err(),
            Key::AccountsErrorNameTooLong
        );
    }
}

/// An optional phone number: digits with an optional leading `+`, spaces and dashes
/// allowed, 8 to 15 digits. Empty input means no number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    pub fn parse_optional(input: &str) -> Result<Option<Phone>, Key> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let allowed = body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if allowed && (8..=15).contains(&digits) {
            Ok(Some(Phone(trimmed.to_string())))
        } else {
            Err(Key::AccountsErrorPhoneInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional NIP (*Nomor Induk Pegawai*), the 18-digit civil-servant number. Its digits
/// say things that can be checked: the birth date (`YYYYMMDD`), the year and month of
/// appointment (`YYYYMM`, *TMT CPNS*), the sex (1 or 2) and a serial number (001–999).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nip(String);

impl Nip {
    /// Parses a NIP as of `today` (an appointment cannot lie in the future).
    pub fn parse_optional(input: &str, today: chrono::NaiveDate) -> Result<Option<Nip>, Key> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            return Ok(None);
        }
        if digits.len() != 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Key::AccountsErrorNipInvalid);
        }
        // All ASCII digits, so every slice is on a character boundary and parses.
        let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
        let born = chrono::NaiveDate::from_ymd_opt(number(0..4) as i32, number(4..6), number(6..8))
            .filter(|born| *born < today)
            .ok_or(Key::AccountsErrorNipBirthDate)?;
        let appointed = chrono::NaiveDate::from_ymd_opt(number(8..12) as i32, number(12..14), 1)
            .ok_or(Key::AccountsErrorNipAppointment)?;
        // Appointed at 18 or older (the month of the 18th birthday counts), and not later
        // than this month.
        let adult = born
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(18 * 12)))
            .ok_or(Key::AccountsErrorNipBirthDate)?;
        if appointed < adult || appointed > today {
            return Err(Key::AccountsErrorNipAppointment);
        }
        if !matches!(&digits[14..15], "1" | "2") {
            return Err(Key::AccountsErrorNipSex);
        }
        if &digits[15..18] == "000" {
            return Err(Key::AccountsErrorNipSerial);
        }
        Ok(Some(Nip(digits)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn phone_numbers_are_optional_and_checked() {
        assert_eq!(Phone::parse_optional("  "), Ok(None));
        assert_eq!(
            Phone::parse_optional("+62 812-3456-7890")
                .unwrap()
                .unwrap()
                .as_str(),
            "+62 812-3456-7890"
        );
        assert_eq!(
            Phone::parse_optional("0812"),
            Err(Key::AccountsErrorPhoneInvalid)
        );
        assert_eq!(
            Phone::parse_optional("0812 abc 7890"),
            Err(Key::AccountsErrorPhoneInvalid)
        );
    }

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn nip_is_eighteen_digits() {
        assert_eq!(Nip::parse_optional("", today()), Ok(None));
        assert_eq!(
            Nip::parse_optional("19850312 201001 1 004", today())
                .unwrap()
                .unwrap()
                .as_str(),
            "198503122010011004"
        );
        assert_eq!(
            Nip::parse_optional("12345", today()),
            Err(Key::AccountsErrorNipInvalid)
        );
        assert_eq!(
            Nip::parse_optional("19850312201001100X", today()),
            Err(Key::AccountsErrorNipInvalid)
        );
    }

    #[test]
    fn a_nip_says_a_real_birth_date_appointment_sex_and_serial() {
        let parse = |nip: &str| Nip::parse_optional(nip, today()).map(|n| n.is_some());
        // Born 1985-03-12, appointed January 2010, a man, serial 004.
        assert_eq!(parse("198503122010011004"), Ok(true));
        // A woman appointed the month she turned 18, and one appointed this month.
        assert_eq!(parse("199007152008072001"), Ok(true));
        assert_eq!(parse("199007152026122001"), Ok(true));
        // 31 February is no birth date; nor is one in the future.
        assert_eq!(
            parse("198502312010011004"),
            Err(Key::AccountsErrorNipBirthDate)
        );
        assert_eq!(
            parse("202712012010011004"),
            Err(Key::AccountsErrorNipBirthDate)
        );
        // Month 13, appointed at 17, appointed next month.
        assert_eq!(
            parse("198503122010131004"),
            Err(Key::AccountsErrorNipAppointment)
        );
        assert_eq!(
            parse("199007152008062001"),
            Err(Key::AccountsErrorNipAppointment)
        );
        assert_eq!(
            parse("199007152027012001"),
            Err(Key::AccountsErrorNipAppointment)
        );
        // Sex digit 3; serial 000.
        assert_eq!(parse("198503122010013004"), Err(Key::AccountsErrorNipSex));
        assert_eq!(
            parse("198503122010011000"),
            Err(Key::AccountsErrorNipSerial)
        );
    }
}
