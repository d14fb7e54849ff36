//! The time left to register. Rendered on the server with the server's clock; once the
//! island hydrates it ticks every second in the browser.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Translated words the island needs (islands receive text as props, not the locale tables).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountdownLabels {
    pub heading: String,
    pub days: String,
    pub closed: String,
}

/// `12 hari 03:04:05`, or the closed text once the time has passed.
pub fn format_remaining(seconds: i64, labels: &CountdownLabels) -> String {
    if seconds <= 0 {
        return labels.closed.clone();
    }
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (hours, minutes, secs) = (rest / 3_600, (rest % 3_600) / 60, rest % 60);
    format!("{days} {} {hours:02}:{minutes:02}:{secs:02}", labels.days)
}

#[island]
pub fn Countdown(
    /// The deadline, milliseconds since the Unix epoch.
    deadline_ms: i64,
    /// The server's clock when the page was rendered.
    rendered_at_ms: i64,
    /// The deadline as RFC 3339, for the `<time>` element.
    deadline_iso: String,
    labels: CountdownLabels,
) -> impl IntoView {
    let now = RwSignal::new(rendered_at_ms);
    let live = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let tick = move || now.set(js_sys::Date::now() as i64);
        tick();
        live.set(true);
        set_interval(tick, std::time::Duration::from_secs(1));
    });
    let heading = labels.heading.clone();
    view! {
        <p class="countdown" data-live=move || live.get().to_string()>
            <span class="countdown-heading">{heading}</span>
            " "
            <time class="countdown-value" datetime=deadline_iso>
                {move || format_remaining((deadline_ms - now.get()).div_euclid(1000), &labels)}
            </time>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> CountdownLabels {
        CountdownLabels {
            heading: "Sisa".into(),
            days: "hari".into(),
            closed: "Ditutup".into(),
        }
    }

    #[test]
    fn remaining_time_shows_days_and_clock() {
        assert_eq!(
            format_remaining(12 * 86_400 + 3 * 3_600 + 4 * 60 + 5, &labels()),
            "12 hari 03:04:05"
        );
    }

    #[test]
    fn past_deadline_shows_closed() {
        assert_eq!(format_remaining(0, &labels()), "Ditutup");
        assert_eq!(format_remaining(-5, &labels()), "Ditutup");
    }
}
