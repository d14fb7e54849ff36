//! SeaORM entities: the rows as stored. Server-only; pages see DTOs instead.
pub mod auth_attempt;
pub mod competition;
pub mod email_token;
pub mod mail_outbox;
pub mod organization;
pub mod province;
pub mod regency;
pub mod session;
pub mod team;
pub mod user_account;
