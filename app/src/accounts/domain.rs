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
