use server::{telemetry, Application, Settings};

fn main() -> anyhow::Result<()> {
    bound_allocator_memory();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve())
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
