//! Structured logs through `tracing`; every request's span carries its request id.
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(filter: &str, json: bool) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    // `try_init`: tests start several applications in one process.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
