use server::{telemetry, Application, Settings};

fn main() -> anyhow::Result<()> {
    bound_allocator_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match args.first().map(String::as_str) {
        None => runtime.block_on(serve()),
        Some("verify-results") => {
            let Some(slug) = args.get(1) else {
                eprintln!("usage: sayembara-server verify-results <competition slug>");
                std::process::exit(2);
            };
            let code = runtime.block_on(verify_results(slug))?;
            std::process::exit(code)
        }
        Some(other) => {
            eprintln!("unknown command {other:?}; commands: verify-results <slug> (none: serve)");
            std::process::exit(2)
        }
    }
}

/// `sayembara-server verify-results <slug>`: recomputes a competition's frozen result
/// from the database (`DATABASE_URL`, else the embedded SQLite), read only, and checks it.
/// Exit code 0 when it verifies, 1 when it does not, 2 when there is nothing frozen to
/// check, 3 when the database cannot be read (or has no such competition).
async fn verify_results(slug: &str) -> anyhow::Result<i32> {
    let settings = Settings::from_env()?;
    // Never migrate or create anything: a mistyped path is an error, not a new database.
    let url = settings.database_url.replace("mode=rwc", "mode=ro");
    let db = match sea_orm::Database::connect(&url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot open the database: {e}");
            return Ok(3);
        }
    };
    match app::judging::freeze::check_slug(&db, slug).await {
        Ok(None) => {
            println!("{slug}: no frozen result");
            Ok(2)
        }
        Ok(Some(report)) => {
            print!("{report}");
            Ok(if report.ok() { 0 } else { 1 })
        }
        Err(e) => {
            eprintln!("{slug}: cannot check ({e})");
            Ok(3)
        }
    }
}

async fn serve() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    telemetry::init(&settings.log_filter, settings.log_json);
    let app = Application::build(settings).await?;
    tracing::info!("Sayembara is listening on http://{}", app.address());
    // Printed once, when they are made: the demo accounts' passwords are kept nowhere else.
    if !app.demo_accounts().is_empty() {
        println!("\nDemo accounts (on this machine only; the passwords are shown this once):");
        for account in app.demo_accounts() {
            println!(
                "  {:<48} {:<36} {}",
                account.role, account.email, account.password
            );
        }
        println!();
    }
    app.run_until_stopped().await
}

/// Memory a burst takes goes back to the system afterwards (ARCHITECTURE.md, "Memory").
///
/// glibc's malloc raises its mmap threshold each time a large mmapped block is freed
/// (up to 32 MiB), so after the first sign-in every Argon2 buffer (19 MiB) came from a
/// thread's arena instead, and each of the blocking threads' arenas kept its own at the
/// high-water mark: 575 MB after a sign-in burst, never returned. Fixed thresholds stop
/// that: blocks of 4 MiB and more are mapped and unmapped, and an arena gives back a
/// free top above 4 MiB. Measured: 11 MB of heap after the same burst, page throughput
/// within noise.
fn bound_allocator_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        const FOUR_MIB: libc::c_int = 4 * 1024 * 1024;
        // SAFETY: mallopt only sets allocator parameters; called before any thread starts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, FOUR_MIB);
            libc::mallopt(libc::M_TRIM_THRESHOLD, FOUR_MIB);
        }
    }
}
