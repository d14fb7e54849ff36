//! Server-drawn SVG charts for a judged stage's results: each juror's totals on a 0–100
//! axis and each juror's leniency. Pure `std`, deterministic, never panics. The SVG carries
//! classes only (no inline styles: the CSP forbids them); the rules are in `style/main.css`
//! under "Judging charts". The same numbers are in the table under each figure.
use std::fmt::Write as _;

/// One juror's data for the charts.
pub struct JurorSeries {
    /// The juror's display name (any Unicode; must be XML-escaped).
    pub name: String,
    /// Totals of the juror's submitted sheets, milli-points, any order.
    pub totals_milli: Vec<i64>,
    /// Juror mean minus stage mean, milli-points.
    pub leniency_milli: i64,
}

/// Texts the caller passes in, already translated (Indonesian or English).
pub struct ChartTexts {
    /// Accessible name of the distribution chart, e.g. "Sebaran nilai per juri".
    pub distribution_title: String,
    /// Accessible name of the leniency chart.
    pub leniency_title: String,
    /// Axis label under the distribution chart, e.g. "Nilai (0–100)".
    pub points_axis: String,
    /// Axis label of the leniency chart, e.g. "Selisih dari rata-rata tahap (poin)".
    pub leniency_axis: String,
}

const W: f64 = 640.0;
const ROW: f64 = 28.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 48.0;
/// Right edge of the (end-anchored) juror names.
const NAME_X: f64 = 164.0;
const NAME_CHARS: usize = 24;
/// The distribution's 0 and 100.
const DIST_L: f64 = 176.0;
const DIST_R: f64 = 620.0;
/// The leniency's −max and +max (room for the printed values beyond the bars).
const LEN_L: f64 = 216.0;
const LEN_R: f64 = 588.0;
const FULL_MILLI: i64 = 100_000;
/// Vertical offsets of the dots, by rank, so equal or close totals stay visible.
const JITTER: [f64; 7] = [0.0, -6.0, 6.0, -3.0, 3.0, -9.0, 9.0];

/// One row per juror: a horizontal 0–100 axis, each total drawn as a small dot (circle) at
/// its value, jittered deterministically in y so equal values stay visible, plus a short
/// vertical tick at the juror's mean. Juror names on the left (truncated with an ellipsis
/// after 24 characters; the full name in a <title> child of the row's <g>).
pub fn distribution_svg(series: &[JurorSeries], texts: &ChartTexts) -> String {
    let axis_y = TOP + series.len() as f64 * ROW;
    let mut out = open("distribution", axis_y + BOTTOM, &texts.distribution_title);
    let ticks: Vec<(f64, String)> = (0..=4)
        .map(|i| (x_points(i * FULL_MILLI / 4), (i * 25).to_string()))
        .collect();
    axis(&mut out, axis_y, DIST_L, DIST_R, &ticks, &texts.points_axis);
    for (i, s) in series.iter().enumerate() {
        let cy = row_centre(i);
        row_open(&mut out, &s.name, cy);
        let mut totals: Vec<i64> = s
            .totals_milli
            .iter()
            .map(|t| (*t).clamp(0, FULL_MILLI))
            .collect();
        totals.sort_unstable();
        for (j, t) in totals.iter().enumerate() {
            let dy = JITTER[j % JITTER.len()];
            let _ = write!(
                out,
                "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"/>",
                num(x_points(*t)),
                num(cy + dy)
            );
        }
        if let Some(mean) = mean_milli(&s.totals_milli) {
            let x = num(x_points(mean));
            let _ = write!(
                out,
                "<line class=\"mean\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
                num(cy - 11.0),
                num(cy + 11.0)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// One row per juror: a horizontal bar from a centre zero line to the leniency, to the right
/// for positive (class "bar-lenient") and left for negative (class "bar-strict"), the value
/// printed at the bar's end with one decimal (e.g. "+2.5", "−1.0" using the Unicode minus
/// U+2212). The axis is symmetric around 0 and scaled to the largest absolute value (at
/// least 1 point so an all-zero chart does not divide by zero).
pub fn leniency_svg(series: &[JurorSeries], texts: &ChartTexts) -> String {
    let axis_y = TOP + series.len() as f64 * ROW;
    let mut out = open("leniency", axis_y + BOTTOM, &texts.leniency_title);
    let max = series
        .iter()
        .map(|s| s.leniency_milli.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1_000);
    let half = (LEN_R - LEN_L) / 2.0;
    let centre = LEN_L + half;
    let ticks = [
        (LEN_L, signed_points(-i128::from(max))),
        (centre, "0".to_string()),
        (LEN_R, signed_points(i128::from(max))),
    ];
    axis(&mut out, axis_y, LEN_L, LEN_R, &ticks, &texts.leniency_axis);
    for (i, s) in series.iter().enumerate() {
        let cy = row_centre(i);
        row_open(&mut out, &s.name, cy);
        let v = s.leniency_milli;
        let w = v.unsigned_abs() as f64 / max as f64 * half;
        let (class, bar_x, text_x, anchor) = if v > 0 {
            ("bar-lenient", centre, centre + w + 4.0, "start")
        } else if v < 0 {
            ("bar-strict", centre - w, centre - w - 4.0, "end")
        } else {
            ("", centre, centre + 4.0, "start")
        };
        if !class.is_empty() {
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"/>",
                num(bar_x),
                num(cy - 8.0),
                num(w)
            );
        }
        let _ = write!(
            out,
            "<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text></g>",
            num(text_x),
            num(cy + 4.0),
            signed_points(i128::from(v))
        );
    }
    let _ = write!(
        out,
        "<line class=\"zero\" x1=\"{c}\" y1=\"{}\" x2=\"{c}\" y2=\"{}\"/></svg>",
        num(TOP - 4.0),
        num(axis_y),
        c = num(centre)
    );
    out
}

/// The root element and its accessible name.
fn open(kind: &str, height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" \
         class=\"chart chart-{kind}\" role=\"img\" aria-labelledby=\"chart-{kind}-title\">\
         <title id=\"chart-{kind}-title\">{}</title>",
        num(W),
        num(height),
        esc(title)
    )
}

/// Grid lines over the rows, the axis line with its ticks and labels, and the axis title.
fn axis(out: &mut String, axis_y: f64, l: f64, r: f64, ticks: &[(f64, String)], title: &str) {
    let (top, y) = (num(TOP - 4.0), num(axis_y));
    for (x, _) in ticks {
        let x = num(*x);
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{y}\"/>"
        );
    }
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
        num(l),
        num(r)
    );
    for (x, label) in ticks {
        let x = num(*x);
        let _ = write!(
            out,
            "<line class=\"axis\" x1=\"{x}\" y1=\"{y}\" x2=\"{x}\" y2=\"{}\"/>\
             <text class=\"tick\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(axis_y + 5.0),
            num(axis_y + 18.0),
            esc(label)
        );
    }
    let _ = write!(
        out,
        "<text class=\"axis-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        num((l + r) / 2.0),
        num(axis_y + 38.0),
        esc(title)
    );
}

/// Opens a juror's row: `<g>` with the full name as its `<title>` and the shown name.
fn row_open(out: &mut String, name: &str, cy: f64) {
    let _ = write!(
        out,
        "<g class=\"row\"><title>{}</title><text class=\"label\" x=\"{}\" y=\"{}\" \
         text-anchor=\"end\">{}</text>",
        esc(name),
        num(NAME_X),
        num(cy + 4.0),
        esc(&short(name))
    );
}

fn row_centre(i: usize) -> f64 {
    TOP + i as f64 * ROW + ROW / 2.0
}

/// x of a total (clamped to 0..=100 points).
fn x_points(milli: i64) -> f64 {
    DIST_L + milli.clamp(0, FULL_MILLI) as f64 / FULL_MILLI as f64 * (DIST_R - DIST_L)
}

/// The mean of the totals, clamped to 0..=100 points; None when there are none.
fn mean_milli(totals: &[i64]) -> Option<i64> {
    if totals.is_empty() {
        return None;
    }
    let sum: i128 = totals.iter().map(|t| i128::from(*t)).sum();
    let mean = sum / totals.len() as i128;
    Some(mean.clamp(0, i128::from(FULL_MILLI)) as i64)
}

/// Milli-points as points with one decimal, rounded half away from zero, signed with
/// "+" or the Unicode minus (no sign when it rounds to 0.0).
fn signed_points(milli: i128) -> String {
    let tenths = (milli.unsigned_abs() + 50) / 100;
    let sign = match (tenths, milli > 0) {
        (0, _) => "",
        (_, true) => "+",
        (_, false) => "\u{2212}",
    };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// A coordinate with at most one decimal ("176", "34.5"); never NaN, inf or "-0".
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// The name as shown: at most 24 characters, then "…".
fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_string();
    }
    let head: String = name.chars().take(NAME_CHARS).collect();
    format!("{}…", head.trim_end())
}

/// XML-escapes text and attribute values; drops control characters XML cannot carry.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> ChartTexts {
        ChartTexts {
            distribution_title: "Sebaran nilai per juri".into(),
            leniency_title: "Kemurahan juri".into(),
            points_axis: "Nilai (0–100)".into(),
            leniency_axis: "Selisih dari rata-rata tahap (poin)".into(),
        }
    }

    fn juror(name: &str, totals: &[i64], leniency: i64) -> JurorSeries {
        JurorSeries {
            name: name.into(),
            totals_milli: totals.to_vec(),
            leniency_milli: leniency,
        }
    }

    fn both(series: &[JurorSeries]) -> [String; 2] {
        [
            distribution_svg(series, &texts()),
            leniency_svg(series, &texts()),
        ]
    }

    /// Well formed enough: root, end, no inline style or script, no NaN/inf, numbers in
    /// attributes with at most one decimal.
    fn check(svg: &str) {
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        for bad in [
            "style=",
            "<style",
            "<script",
            "NaN",
            "inf",
            "width=\"-",
            "height=\"-",
        ] {
            assert!(!svg.contains(bad), "{bad} in {svg}");
        }
        let root = svg.split('>').next().unwrap_or_default();
        assert!(
            !root.contains(" width=") && !root.contains(" height="),
            "{root}"
        );
        for value in svg.split('"').skip(1).step_by(2) {
            if value.parse::<f64>().is_ok() {
                let decimals = value.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 1, "{value}");
            }
        }
    }

    #[test]
    fn root_and_titles() {
        let [d, l] = both(&[juror("Ani", &[70_000, 80_000], 1_000)]);
        check(&d);
        check(&l);
        assert!(d.contains("aria-labelledby=\"chart-distribution-title\""));
        let title = "<title id=\"chart-distribution-title\">Sebaran nilai per juri</title>";
        assert!(d.contains(title));
        assert!(l.contains("<title id=\"chart-leniency-title\">Kemurahan juri</title>"));
        assert!(d.contains("viewBox=\"0 0 640 "));
        assert!(d.contains("Nilai (0–100)") && l.contains("Selisih dari rata-rata tahap (poin)"));
        assert!(!d.contains("&lt;svg") && d.matches("<svg").count() == 1);
    }

    #[test]
    fn escapes_names() {
        for svg in both(&[juror("A&B <x> \"q\" 'y'", &[50_000], -500)]) {
            check(&svg);
            assert!(svg.contains("A&amp;B &lt;x&gt; &quot;q&quot; &#39;y&#39;"));
            assert!(!svg.contains("A&B") && !svg.contains("<x>"));
        }
    }

    #[test]
    fn totals_at_the_axis_ends() {
        assert_eq!(x_points(0), DIST_L);
        assert_eq!(x_points(100_000), DIST_R);
        let d = distribution_svg(&[juror("Ani", &[100_000, 0], 0)], &texts());
        check(&d);
        assert!(d.contains("class=\"dot\" cx=\"176\""));
        assert!(d.contains("class=\"dot\" cx=\"620\""));
        assert!(d.contains("class=\"mean\" x1=\"398\"")); // the mean of 0 and 100
        let shown: Vec<String> = [176.0, 327.64, -0.04, f64::NAN, f64::INFINITY]
            .map(num)
            .to_vec();
        assert_eq!(shown, ["176", "327.6", "0", "0", "0"]);
    }

    #[test]
    fn leniency_direction_and_values() {
        let l = leniency_svg(
            &[juror("Ketat", &[], -1_000), juror("Murah", &[], 2_500)],
            &texts(),
        );
        check(&l);
        // The largest |value| reaches the edge; the other is scaled.
        assert!(l.contains("<rect class=\"bar-strict\" x=\"327.6\""));
        assert!(l.contains("<rect class=\"bar-lenient\" x=\"402\""));
        assert!(l.contains(">\u{2212}1.0</text>"));
        assert!(l.contains(">+2.5</text>"));
        assert!(l.contains(">\u{2212}2.5</text>") && l.contains(">0</text>"));
        let rounded: Vec<String> = [2_549, -950, -40, 0].map(signed_points).to_vec();
        assert_eq!(rounded, ["+2.5", "\u{2212}1.0", "0.0", "0.0"]);
    }

    #[test]
    fn empty_equal_and_extreme_inputs() {
        for svg in both(&[]) {
            check(&svg);
            assert!(svg.contains("class=\"axis\""));
            assert!(!svg.contains("<g class=\"row\""));
        }
        let equal: Vec<JurorSeries> = (0..3).map(|_| juror("Sama", &[50_000; 9], 0)).collect();
        let [d, l] = both(&equal);
        check(&d);
        check(&l);
        assert_eq!(d.matches("class=\"dot\"").count(), 27);
        assert!(!l.contains("<rect"));
        assert!(l.contains(">+1.0</text>")); // the 1-point minimum scale
        let wild = [
            juror("", &[i64::MIN, i64::MAX, -5, 0], i64::MIN),
            juror("x", &[i64::MAX, i64::MAX], i64::MAX),
            juror("y", &[42], 1),
        ];
        for svg in both(&wild) {
            check(&svg);
        }
        assert_eq!(both(&wild), both(&wild));
    }

    #[test]
    fn long_names_are_truncated() {
        let name = "Prof. Dr. Ir. Raden Ajeng Kartika Sari W"; // 40 characters
        assert_eq!(name.chars().count(), 40);
        for svg in both(&[juror(name, &[60_000], 0)]) {
            check(&svg);
            assert!(svg.contains(&format!("<title>{name}</title>")));
            assert!(svg.contains(">Prof. Dr. Ir. Raden Ajen…</text>"));
        }
        assert_eq!(short("Ani"), "Ani");
        assert_eq!(short(&"é".repeat(30)), format!("{}…", "é".repeat(24)));
    }
}
