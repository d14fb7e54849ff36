//! Parsed account input. Shared with the browser so it can pre-check with the same
//! rules the server enforces; the server always parses again.
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

/// An optional NIP (*Nomor Induk Pegawai*), the 18-digit civil-servant number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nip(String);

impl Nip {
    pub fn parse_optional(input: &str) -> Result<Option<Nip>, Key> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() {
            Ok(None)
        } else if digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Some(Nip(digits)))
        } else {
            Err(Key::AccountsErrorNipInvalid)
        }
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

    #[test]
    fn nip_is_eighteen_digits() {
        assert_eq!(Nip::parse_optional(""), Ok(None));
        assert_eq!(
            Nip::parse_optional("19850312 201001 1 004")
                .unwrap()
                .unwrap()
                .as_str(),
            "198503122010011004"
        );
        assert_eq!(
            Nip::parse_optional("12345"),
            Err(Key::AccountsErrorNipInvalid)
        );
        assert_eq!(
            Nip::parse_optional("19850312201001100X"),
            Err(Key::AccountsErrorNipInvalid)
        );
    }
}
