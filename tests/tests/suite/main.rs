//! The black-box suite, one test binary: each module is one area, each test starts the real
//! server on port 0 with a fresh database (SQLite, and PostgreSQL when `TEST_POSTGRES_URL`
//! is set: `both_databases!`) and drives it over HTTP through `TestApp`.
//!
//! One binary links once and runs every test under one harness (`cargo test -p
//! sayembara-tests --test suite <filter>`; a module name is a filter: `teams::`).
//! `tests/tests/under_load.rs` stays a binary of its own: it is a load test, and in this
//! process its twenty clients would share the process-wide Argon2 permits
//! (`accounts::service::hashing_permit`) and the two cores with whichever tests run beside
//! it, so that neither it nor they (`throttling::sign_up_timing` compares durations) would
//! measure what they claim to.
mod accounts;
mod affiliations;
mod challenges;
mod competition_options;
mod competition_record;
mod competition_setup;
mod dashboard;
mod demo_accounts;
mod headers;
mod invitations;
mod judging;
mod junk;
mod mail;
mod mentoring;
mod notifications;
mod oauth;
mod organizations;
mod own_work;
mod permission_table;
mod permissions;
mod proposals;
mod results;
mod scoring;
mod skeleton;
mod storage;
mod support_offers;
mod supporters;
mod team_forming;
mod teams;
mod throttling;
mod verified_identity;
