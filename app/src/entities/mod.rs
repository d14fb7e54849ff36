//! SeaORM entities: the rows as stored. Server-only; pages see DTOs instead.
pub mod competition;
pub mod organization;
pub mod province;
pub mod regency;
pub mod team;
