//! SeaORM entities: the rows as stored. Server-only; pages see DTOs instead.
pub mod affiliation;
pub mod auth_attempt;
pub mod competition;
pub mod competition_option;
pub mod competition_role;
pub mod competition_stage;
pub mod email_token;
pub mod invitation;
pub mod mail_outbox;
pub mod oauth_state;
pub mod organization;
pub mod province;
pub mod regency;
pub mod role_audit;
pub mod session;
pub mod team;
pub mod user_account;
