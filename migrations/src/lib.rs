//! The schema, one append-only migration per change. Written with sea-query's
//! backend-neutral builders so SQLite and PostgreSQL get the same schema.
pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261122_000001_regions;
mod m20261122_000002_organizations_competitions_teams;
mod m20261123_000001_accounts;
mod m20261123_000002_auth_attempts;
mod m20261123_000003_competition_roles;
mod m20261123_000004_oauth_states;
mod m20261123_000005_affiliations_invitations;
mod m20261123_000006_competition_setup;
mod m20261123_000007_stage_events;
mod m20261123_000008_eligibility;
mod m20261123_000009_rubric_prizes_partners;
mod m20261123_000010_teams;
mod m20261123_000011_proposals;
mod m20261123_000012_proposal_comments;
mod m20261123_000013_challenges_team_forming;
mod m20261123_000014_awards_eligibility_decisions;
mod m20261201_000001_option_references;
mod m20261201_000002_affiliation_states;
mod m20261201_000003_competition_audit;
mod m20261201_000004_form_stash;
mod m20261201_000005_known_devices;
mod m20261202_000001_one_team_lead;
mod m20261202_000003_support_offers;
mod m20261202_000004_oauth_return;
mod m20261202_000006_notices;
mod m20261203_000001_judging;
mod m20261203_000002_scoring;
mod m20261204_000001_results;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_regions::Migration),
            Box::new(m20261122_000002_organizations_competitions_teams::Migration),
            Box::new(m20261123_000001_accounts::Migration),
            Box::new(m20261123_000002_auth_attempts::Migration),
            Box::new(m20261123_000003_competition_roles::Migration),
            Box::new(m20261123_000004_oauth_states::Migration),
            Box::new(m20261123_000005_affiliations_invitations::Migration),
            Box::new(m20261123_000006_competition_setup::Migration),
            Box::new(m20261123_000007_stage_events::Migration),
            Box::new(m20261123_000008_eligibility::Migration),
            Box::new(m20261123_000009_rubric_prizes_partners::Migration),
            Box::new(m20261123_000010_teams::Migration),
            Box::new(m20261123_000011_proposals::Migration),
            Box::new(m20261123_000012_proposal_comments::Migration),
            Box::new(m20261123_000013_challenges_team_forming::Migration),
            Box::new(m20261123_000014_awards_eligibility_decisions::Migration),
            Box::new(m20261201_000001_option_references::Migration),
            Box::new(m20261201_000002_affiliation_states::Migration),
            Box::new(m20261201_000003_competition_audit::Migration),
            Box::new(m20261201_000004_form_stash::Migration),
            Box::new(m20261201_000005_known_devices::Migration),
            Box::new(m20261202_000001_one_team_lead::Migration),
            Box::new(m20261202_000003_support_offers::Migration),
            Box::new(m20261202_000004_oauth_return::Migration),
            Box::new(m20261202_000006_notices::Migration),
            Box::new(m20261203_000001_judging::Migration),
            Box::new(m20261203_000002_scoring::Migration),
            Box::new(m20261204_000001_results::Migration),
        ]
    }
}
