//! Plain HTTP routes outside the Leptos pages.
pub mod attachments;
pub mod dashboard;
pub mod health;
pub mod language;
pub mod oauth;
