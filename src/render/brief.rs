//! The briefing as Markdown: prose a reader who knows nothing of YAML can
//! follow, every sentence about a claim footnoted to the document it comes
//! from, the claim's date and the quote.
//!
//! It only words the answers `query::brief` gathered; every count it prints is
//! the length of one of those answers.

use super::tables::markdown_text as md;
use crate::query::brief::{Brief, IssueStands, Party};
use crate::query::{Claim, SourceInfo};
use crate::state::Camp;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What the briefing covers, for its title.
pub struct Scope<'a> {
    pub title: &'a str,
    /// The overview map's file name (beside the Markdown) or `None`.
    pub map: Option<&'a str>,
    pub since: Option<String>,
}

/// Numbers the footnotes in order of first use; one source cited twice is one note.
#[derive(Default)]
struct Notes {
    numbers: BTreeMap<(String, String, String), usize>,
    texts: Vec<String>,
}

impl Notes {
    /// The footnote marks for a claim: one per source (`[^3][^4]`).
    fn claim(&mut self, c: &Claim) -> String {
        self.claims(std::slice::from_ref(c))
    }

    /// The footnote marks for several claims, each note once, in order.
    fn claims(&mut self, list: &[Claim]) -> String {
        let mut marks: Vec<String> = Vec::new();
        for c in list {
            for s in &c.sources {
                let m = self.mark(s, &c.date.to_string());
                if !marks.contains(&m) {
                    marks.push(m);
                }
            }
        }
        marks.concat()
    }

    fn mark(&mut self, s: &SourceInfo, date: &str) -> String {
        let key = (s.doc.clone(), s.quote.clone(), date.to_string());
        let next = self.texts.len() + 1;
        let n = *self.numbers.entry(key).or_insert_with(|| {
            self.texts.push(format!(
                "`{}`, {date} ({} confidence): “{}”",
                s.doc.replace('`', "'"),
                s.confidence,
                md(&s.quote)
            ));
            next
        });
        format!("[^{n}]")
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.texts.is_empty() {
            return Ok(());
        }
        writeln!(out, "## Sources\n")?;
        for (i, t) in self.texts.iter().enumerate() {
            writeln!(out, "[^{}]: {t}", i + 1)?;
        }
        Ok(())
    }
}

fn camp_words(camp: Camp) -> &'static str {
    match camp {
        Camp::For => "for",
        Camp::Conditional => "for, on conditions",
        Camp::Against => "against",
        Camp::Mixed => "mixed",
        Camp::Ambiguous => "unclear",
    }
}

/// `Russia (state)` as a reader sees it: the name, bold.
fn who(name: &str) -> String {
    format!("**{}**", md(name))
}

pub fn write_markdown(out: &mut dyn Write, b: &Brief, scope: &Scope) -> io::Result<()> {
    let mut notes = Notes::default();
    writeln!(out, "# Briefing: {}\n", md(scope.title))?;
    match b.as_of {
        Some(d) => writeln!(out, "The state of the negotiation as of {d}.\n")?,
        None => writeln!(
            out,
            "The state of the negotiation on the record's latest claims.\n"
        )?,
    }
    let red_lines: usize = b.bargaining.red_lines.iter().map(|r| r.claims.len()).sum();
    writeln!(
        out,
        "{} parties take a stand on {} issues. {} issue(s) are in conflict; {} demand(s) are open, \
         {} red line(s) are drawn and {} trade(s) are possible.\n",
        b.parties.len(),
        b.issues.len(),
        b.conflicts.issues.len(),
        b.bargaining.open_demands.len(),
        red_lines,
        b.bargaining.trades.len()
    )?;
    if let Some(map) = scope.map {
        writeln!(out, "![Overview map of the parties and issues]({map})\n")?;
    }
    parties(out, &b.parties, &mut notes)?;
    stands(out, &b.issues, &mut notes)?;
    conflicts(out, b, &mut notes)?;
    bargaining(out, b, &mut notes)?;
    if let Some(d) = &b.changes {
        writeln!(out, "## What changed since {}\n", d.from)?;
        let all: Vec<_> = d
            .positions
            .iter()
            .chain(&d.demands)
            .chain(&d.concessions)
            .collect();
        if all.is_empty() {
            writeln!(out, "Nothing changed between {} and {}.\n", d.from, d.to)?;
        }
        for c in all {
            let shown = c.new.as_ref().or(c.old.as_ref());
            let marks = shown.map(|s| notes.claim(s)).unwrap_or_default();
            let text = shown.map(|s| md(&s.text)).unwrap_or_default();
            writeln!(
                out,
                "- {} on `{}` ({}: {}): {text}{marks}",
                who(&c.actor),
                c.issue,
                c.change.as_str(),
                md(&c.summary)
            )?;
        }
        writeln!(out)?;
    }
    notes.write(out)
}

fn parties(out: &mut dyn Write, list: &[Party], notes: &mut Notes) -> io::Result<()> {
    writeln!(out, "## Parties and blocs\n")?;
    for p in list {
        let mut line = format!("- {} ({}", who(&p.actor.name), md(&p.kind));
        if let Some(role) = &p.role {
            line.push_str(&format!(", {}", md(role)));
        }
        line.push(')');
        if !p.member_of.is_empty() {
            let names: Vec<String> = p.member_of.iter().map(|a| md(&a.name)).collect();
            line.push_str(&format!(", part of {}", names.join(", ")));
        }
        if !p.members.is_empty() {
            let names: Vec<String> = p.members.iter().map(|a| md(&a.name)).collect();
            line.push_str(&format!("; speaking for it: {}", names.join(", ")));
        }
        line.push('.');
        let mut marks = Vec::new();
        for s in &p.sources {
            let m = notes.mark(s, "undated");
            if !marks.contains(&m) {
                marks.push(m);
            }
        }
        line.push_str(&marks.concat());
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}

fn stands(out: &mut dyn Write, list: &[IssueStands], notes: &mut Notes) -> io::Result<()> {
    writeln!(out, "## Who stands where\n")?;
    for i in list {
        writeln!(out, "### {} (`{}`)\n", md(&i.title), i.issue)?;
        for s in &i.stands {
            let via = s
                .via
                .as_ref()
                .map(|v| format!(" (through {})", md(v)))
                .unwrap_or_default();
            let said: Vec<String> = s.claims.iter().map(|c| md(&c.text)).collect();
            let marks = notes.claims(&s.claims);
            writeln!(
                out,
                "- {} is {}{via}: {}{marks}",
                who(&s.party.name),
                camp_words(s.camp),
                said.join(" ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn conflicts(out: &mut dyn Write, b: &Brief, notes: &mut Notes) -> io::Result<()> {
    writeln!(out, "## Conflicts\n")?;
    if b.conflicts.issues.is_empty() {
        return writeln!(out, "No issue divides the parties.\n");
    }
    for c in &b.conflicts.issues {
        writeln!(
            out,
            "### {} ({}, `{}`)\n",
            md(&c.camps.title),
            c.severity.as_str(),
            c.camps.issue
        )?;
        for (side, claim) in [("For", &c.strongest_for), ("Against", &c.strongest_against)] {
            let quote = claim
                .sources
                .first()
                .map(|s| format!(" The source: “{}”", md(&s.quote)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {side}: {} ({} {}, {}): {}{quote}{}",
                who(&claim.actor),
                claim.kind.as_str(),
                claim.weight.as_deref().unwrap_or("-"),
                claim.date,
                md(&claim.text),
                notes.claim(claim)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn bargaining(out: &mut dyn Write, b: &Brief, notes: &mut Notes) -> io::Result<()> {
    let g = &b.bargaining;
    writeln!(out, "## The bargaining space\n")?;
    writeln!(out, "### Open demands\n")?;
    if g.open_demands.is_empty() {
        writeln!(out, "None.")?;
    }
    for d in &g.open_demands {
        let of: Vec<String> = d.addressed_to.iter().map(|a| md(&a.name)).collect();
        writeln!(
            out,
            "- {} asks {}: {} ({}, {}){}",
            who(&d.demand.actor),
            of.join(", "),
            md(&d.demand.text),
            d.demand.weight.as_deref().unwrap_or("-"),
            d.demand.date,
            notes.claim(&d.demand)
        )?;
    }
    writeln!(out, "\n### Red lines\n")?;
    if g.red_lines.is_empty() {
        writeln!(out, "None.")?;
    }
    for r in &g.red_lines {
        for c in &r.claims {
            writeln!(
                out,
                "- {}: {} ({}){}",
                who(&r.actor.name),
                md(&c.text),
                c.date,
                notes.claim(c)
            )?;
        }
    }
    writeln!(out, "\n### Possible trades\n")?;
    if g.trades.is_empty() {
        writeln!(out, "None.")?;
    }
    for t in &g.trades {
        writeln!(
            out,
            "- {} asks {}: {}{}; in return {} asks {}: {}{}",
            who(&t.a.name),
            md(&t.b.name),
            md(&t.a_asks.text),
            notes.claim(&t.a_asks),
            who(&t.b.name),
            md(&t.a.name),
            md(&t.b_asks.text),
            notes.claim(&t.b_asks)
        )?;
    }
    writeln!(out)
}

/// The briefing as one self-contained HTML page: the Markdown rendered by
/// pulldown-cmark (footnotes and tables on; raw HTML cannot occur, as every
/// record string was escaped), the map's SVG inline.
pub fn html_page(title: &str, markdown: &str, svg: Option<&str>) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let mut body = String::new();
    let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
    html::push_html(&mut body, Parser::new_ext(markdown, options));
    let map = svg
        .map(|s| {
            // Graphviz's SVG starts with an XML prolog and a DOCTYPE, which do not
            // belong inside HTML: keep from the <svg element on.
            let start = s.find("<svg").unwrap_or(0);
            format!("<figure class=\"map\">{}</figure>\n", &s[start..])
        })
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.45}}\
         figure.map svg{{max-width:100%;height:auto}}</style>\n</head>\n<body>\n{map}{body}</body>\n</html>\n",
        super::html::escape_html(title)
    )
}
