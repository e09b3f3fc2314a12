//! A line chart as a self-contained SVG: one series of values between 0 and 1
//! over labelled points in time (polarization per window).
//!
//! Hand-drawn rather than through a plotting crate: a polyline, dots, two axes
//! and their labels are all it needs, and the bytes stay the same for the same
//! numbers. Every label is escaped for XML.

use crate::render::export::xml_escape;
use std::fmt::Write as _;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 70.0;

/// An SVG chart of `points` (label, value in 0..=1) titled `title`.
pub fn line_chart(title: &str, y_label: &str, points: &[(String, f64)]) -> String {
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        if points.len() <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (points.len() - 1) as f64
        }
    };
    let y = |v: f64| TOP + plot_h * (1.0 - v.clamp(0.0, 1.0));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="24" font-size="15" text-anchor="middle">{}</text>"#,
        WIDTH / 2.0,
        xml_escape(title)
    );
    // Horizontal grid and y labels at 0, 0.25, …, 1.
    for k in 0..=4 {
        let v = f64::from(k) / 4.0;
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{0:.1}" x2="{1}" y2="{0:.1}" stroke="#dddddd"/><text x="{2}" y="{3:.1}" text-anchor="end">{v:.2}</text>"##,
            y(v),
            WIDTH - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    let _ = writeln!(
        s,
        r#"<text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
        TOP + plot_h / 2.0,
        xml_escape(y_label)
    );
    // At most about twelve x labels, evenly picked, slanted to fit.
    let every = points.len().div_ceil(12).max(1);
    for (i, (label, _)) in points.iter().enumerate() {
        if i % every == 0 || i + 1 == points.len() {
            let _ = writeln!(
                s,
                r#"<text transform="translate({:.1} {:.1}) rotate(-35)" text-anchor="end">{}</text>"#,
                x(i),
                HEIGHT - BOTTOM + 16.0,
                xml_escape(label)
            );
        }
    }
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT}" y1="{0}" x2="{1}" y2="{0}" stroke="#444444"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{0}" stroke="#444444"/>"##,
        HEIGHT - BOTTOM,
        WIDTH - RIGHT
    );
    if !points.is_empty() {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect();
        let _ = writeln!(
            s,
            r##"<polyline points="{}" fill="none" stroke="#0072b2" stroke-width="2"/>"##,
            path.join(" ")
        );
        for (i, (label, v)) in points.iter().enumerate() {
            let _ = writeln!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="#0072b2"><title>{}: {v:.3}</title></circle>"##,
                x(i),
                y(*v),
                xml_escape(label)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_escaped_svg_with_one_dot_per_point() {
        let svg = line_chart(
            "A <b> & c",
            "score",
            &[("2025-01".into(), 0.2), ("2025-02".into(), 0.9)],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("A &lt;b&gt; &amp; c"));
        assert_eq!(svg.matches("<circle").count(), 2);
    }
}
