//! The Sayembara web server: settings, database, routes and the application that
//! ties them together. `main.rs` only reads settings and runs [`Application`].
pub mod csrf;
pub mod db;
pub mod headers;
pub mod housekeeping;
pub mod mail_worker;
pub mod malformed;
pub mod routes;
pub mod server_fn_status;
pub mod settings;
pub mod startup;
pub mod telemetry;

pub use settings::Settings;
pub use startup::{AppState, Application};
