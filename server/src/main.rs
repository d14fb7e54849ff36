use server::{telemetry, Application, Settings};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    telemetry::init(&settings.log_filter, settings.log_json);
    let app = Application::build(settings).await?;
    tracing::info!("Sayembara is listening on http://{}", app.address());
    app.run_until_stopped().await
}
