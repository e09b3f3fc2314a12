//! The maps' visual language: one palette, one look per kind of edge, and the
//! contrast arithmetic that keeps every label readable.
//!
//! Why a module of its own: a briefing map is read by people with red–green
//! colour blindness and printed in grey, so colour may *add* meaning but never
//! carry it alone. Every kind of edge therefore has a look ([`EdgeLook`]) that
//! differs from every other in line style, arrowhead or width, and a colour
//! from the Okabe–Ito palette (distinguishable under the common colour-vision
//! deficiencies). Labels are checked against WCAG 2's contrast ratio
//! ([`contrast`]) and darkened until they reach AA (4.5:1), see [`readable`].

use super::Attrs;

/// Okabe & Ito (2008), "Color Universal Design": eight colours that stay apart
/// for protan, deutan and tritan readers.
pub mod okabe_ito {
    pub const ORANGE: &str = "#E69F00";
    pub const SKY_BLUE: &str = "#56B4E9";
    pub const BLUISH_GREEN: &str = "#009E73";
    pub const YELLOW: &str = "#F0E442";
    pub const BLUE: &str = "#0072B2";
    pub const VERMILLION: &str = "#D55E00";
    pub const REDDISH_PURPLE: &str = "#CC79A7";
    pub const BLACK: &str = "#000000";
}

/// Grey for neutral marks (parent links, "of"/"to" arrows).
pub const GREY: &str = "#6E6E6E";
/// The page behind every map.
pub const BACKGROUND: &str = "#FFFFFF";
/// WCAG 2 level AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A colour as 8-bit sRGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` (also `#rrggbbaa`, alpha ignored) and the few X11 names
    /// the maps use; anything else is `None`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "black" => return Some(Rgb(0, 0, 0)),
            "white" => return Some(Rgb(255, 255, 255)),
            _ => {}
        }
        let hex = t.strip_prefix('#')?;
        if !(hex.len() == 6 || hex.len() == 8) || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance: linearised sRGB weighted by the eye's response.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// This colour moved `t` (0–1) of the way towards `to`.
    fn mix(self, to: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }
}

/// WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// `text` if it reaches [`MIN_CONTRAST`] on `fill`; otherwise the same hue
/// darkened (on a light fill) or lightened (on a dark one) just enough. The
/// label keeps the colour of its edge as far as readability allows.
pub fn readable(text: Rgb, fill: Rgb) -> Rgb {
    if contrast(text, fill) >= MIN_CONTRAST {
        return text;
    }
    let target = if fill.luminance() > 0.18 {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (1..=20)
        .map(|step| text.mix(target, f64::from(step) / 20.0))
        .find(|c| contrast(*c, fill) >= MIN_CONTRAST)
        .unwrap_or(target)
}

/// What an edge means. Each look differs from every other in something other
/// than colour (line style, arrowhead, width or direction), so a reader who
/// cannot tell the colours apart can still tell the edges apart; the legend
/// is written from the looks present in a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeLook {
    Support,
    Conditional,
    Oppose,
    Ambiguous,
    ConflictHigh,
    ConflictMedium,
    ConflictLow,
    Agree,
    Concession,
    Answers,
    Target,
    PartOf,
    /// A claim on the timeline: its party's line to the claim's date.
    Claim,
}

impl EdgeLook {
    pub const ALL: [EdgeLook; 13] = [
        EdgeLook::Support,
        EdgeLook::Conditional,
        EdgeLook::Oppose,
        EdgeLook::Ambiguous,
        EdgeLook::ConflictHigh,
        EdgeLook::ConflictMedium,
        EdgeLook::ConflictLow,
        EdgeLook::Agree,
        EdgeLook::Concession,
        EdgeLook::Answers,
        EdgeLook::Target,
        EdgeLook::PartOf,
        EdgeLook::Claim,
    ];

    /// The SVG class the edge carries (`look-support`): the legend and the
    /// HTML page find edges by it.
    pub fn class(self) -> &'static str {
        match self {
            EdgeLook::Support => "look-support",
            EdgeLook::Conditional => "look-conditional",
            EdgeLook::Oppose => "look-oppose",
            EdgeLook::Ambiguous => "look-ambiguous",
            EdgeLook::ConflictHigh => "look-conflict-high",
            EdgeLook::ConflictMedium => "look-conflict-medium",
            EdgeLook::ConflictLow => "look-conflict-low",
            EdgeLook::Agree => "look-agree",
            EdgeLook::Concession => "look-concession",
            EdgeLook::Answers => "look-answers",
            EdgeLook::Target => "look-target",
            EdgeLook::PartOf => "look-part-of",
            EdgeLook::Claim => "look-claim",
        }
    }

    pub fn from_class(class: &str) -> Option<EdgeLook> {
        class
            .split_whitespace()
            .find_map(|c| EdgeLook::ALL.into_iter().find(|l| l.class() == c))
    }

    pub fn color(self) -> &'static str {
        use okabe_ito::*;
        match self {
            EdgeLook::Support => BLUE,
            EdgeLook::Conditional => SKY_BLUE,
            EdgeLook::Oppose => VERMILLION,
            EdgeLook::Ambiguous => GREY,
            EdgeLook::ConflictHigh => VERMILLION,
            EdgeLook::ConflictMedium => ORANGE,
            EdgeLook::ConflictLow => REDDISH_PURPLE,
            EdgeLook::Agree => BLUISH_GREEN,
            EdgeLook::Concession => BLUISH_GREEN,
            EdgeLook::Answers => BLUISH_GREEN,
            EdgeLook::Target => GREY,
            EdgeLook::PartOf => GREY,
            EdgeLook::Claim => GREY,
        }
    }

    /// Line style, arrowhead and direction: what tells the looks apart without colour.
    fn shape(self) -> (&'static str, &'static str, &'static str) {
        match self {
            EdgeLook::Support => ("solid", "normal", "forward"),
            EdgeLook::Conditional => ("solid", "odiamond", "forward"),
            EdgeLook::Oppose => ("solid", "tee", "forward"),
            EdgeLook::Ambiguous => ("solid", "odot", "forward"),
            EdgeLook::ConflictHigh => ("bold", "none", "none"),
            EdgeLook::ConflictMedium => ("solid", "none", "none"),
            EdgeLook::ConflictLow => ("dashed", "none", "none"),
            EdgeLook::Agree => ("dotted", "none", "none"),
            EdgeLook::Concession => ("solid", "empty", "forward"),
            EdgeLook::Answers => ("bold", "empty", "forward"),
            EdgeLook::Target => ("dashed", "vee", "forward"),
            EdgeLook::PartOf => ("dotted", "onormal", "forward"),
            EdgeLook::Claim => ("solid", "dot", "forward"),
        }
    }

    /// The width a look is drawn at unless a stronger claim widens it.
    pub fn penwidth(self) -> &'static str {
        match self {
            EdgeLook::ConflictHigh => "4",
            EdgeLook::ConflictMedium => "2.4",
            EdgeLook::ConflictLow => "1.2",
            _ => "1.2",
        }
    }

    /// The edge's attributes: class, colour, style, arrowheads, width. A label's
    /// colour is set later, checked against the background (see `brief`).
    pub fn attrs(self) -> Attrs {
        let (style, head, dir) = self.shape();
        let mut attrs: Attrs = vec![
            ("class", self.class().into()),
            ("color", self.color().into()),
            ("style", style.into()),
            ("penwidth", self.penwidth().into()),
        ];
        if dir == "none" {
            attrs.push(("dir", "none".into()));
        } else {
            // Both ends carry the look's head: an edge drawn `dir=back` shows its tail.
            attrs.push(("arrowhead", head.into()));
            attrs.push(("arrowtail", head.into()));
        }
        attrs
    }

    /// The legend's words for this look.
    pub fn meaning(self) -> &'static str {
        match self {
            EdgeLook::Support => "supports (arrow)",
            EdgeLook::Conditional => "supports on conditions (open diamond)",
            EdgeLook::Oppose => "opposes (bar)",
            EdgeLook::Ambiguous => "ambiguous (open dot)",
            EdgeLook::ConflictHigh => "conflict, both red lines (heavy)",
            EdgeLook::ConflictMedium => "conflict, one red line (medium)",
            EdgeLook::ConflictLow => "conflict, no red line (dashed)",
            EdgeLook::Agree => "agree on issues (dotted)",
            EdgeLook::Concession => "concession made (hollow arrow)",
            EdgeLook::Answers => "concession answers demand (bold hollow)",
            EdgeLook::Target => "of / to whom (dashed, open arrow)",
            EdgeLook::PartOf => "sub-issue of (dotted)",
            EdgeLook::Claim => "claim on that date (dot)",
        }
    }

    /// The line drawn in characters for the legend: style, then arrowhead.
    pub fn glyph(self) -> String {
        let (style, head, _) = self.shape();
        let line = match style {
            "dashed" => "╌╌╌╌",
            "dotted" => "┈┈┈┈",
            "bold" => "━━━━",
            _ => "────",
        };
        let head = match head {
            "normal" => "▶",
            "odiamond" => "◇",
            "tee" => "┤",
            "odot" => "○",
            "empty" => "▷",
            "vee" => "›",
            "onormal" => "▷",
            "dot" => "●",
            _ => "",
        };
        format!("{line}{head}")
    }
}

/// How a line style, arrowhead, direction and width tell an edge apart without
/// colour: the key the colour-blind check groups edges by.
pub fn shape_key(attrs: &Attrs) -> String {
    let get = |key: &str| {
        attrs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    };
    format!(
        "style={} head={} tail={} dir={} width={}",
        get("style"),
        get("arrowhead"),
        get("arrowtail"),
        get("dir"),
        get("penwidth")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_reference_values() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic just-fails-AA grey (4.48:1).
        let grey = Rgb::parse("#777777").unwrap();
        assert!((contrast(grey, white) - 4.48).abs() < 0.01);
        // Okabe–Ito blue on white: 5.19:1; orange: 2.2:1.
        let blue = Rgb::parse(okabe_ito::BLUE).unwrap();
        assert!((contrast(blue, white) - 5.19).abs() < 0.01);
        let orange = Rgb::parse(okabe_ito::ORANGE).unwrap();
        assert!(contrast(orange, white) < 2.5);
    }

    #[test]
    fn readable_darkens_just_enough_and_keeps_good_colours() {
        let white = Rgb(255, 255, 255);
        let blue = Rgb::parse(okabe_ito::BLUE).unwrap();
        assert_eq!(readable(blue, white), blue);
        for c in EdgeLook::ALL {
            let c = Rgb::parse(c.color()).unwrap();
            let r = readable(c, white);
            assert!(contrast(r, white) >= MIN_CONTRAST);
        }
        let dark = Rgb(20, 20, 60);
        let r = readable(Rgb(60, 60, 90), dark);
        assert!(contrast(r, dark) >= MIN_CONTRAST);
    }

    #[test]
    fn parse_reads_hex_and_rejects_the_rest() {
        assert_eq!(Rgb::parse("#0072B2"), Some(Rgb(0, 0x72, 0xB2)));
        assert_eq!(Rgb::parse("#0072b2ff"), Some(Rgb(0, 0x72, 0xB2)));
        assert_eq!(Rgb::parse("black"), Some(Rgb(0, 0, 0)));
        assert_eq!(Rgb::parse("#12"), None);
        assert_eq!(Rgb::parse("blue-ish"), None);
        assert_eq!(Rgb::parse("#ééé"), None);
    }

    #[test]
    fn no_two_looks_differ_by_colour_alone() {
        let mut seen = std::collections::BTreeMap::new();
        for look in EdgeLook::ALL {
            let key = shape_key(&look.attrs());
            if let Some(other) = seen.insert(key.clone(), look) {
                panic!("{other:?} and {look:?} share the shape {key}");
            }
        }
    }
}
