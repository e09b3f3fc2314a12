//! `render -o FILE.html`: the drawings of the page to explore. The map is drawn
//! as of each earlier date on which a claim was made (and, with `--scenario`,
//! before and after the moves as of each of those dates), each computed and
//! laid out here, so the page's date slider and toggle only swap drawings.

use super::{map_options, run_dot, RenderArgs};
use crate::cli::whatif::Played;
use crate::cli::CliError;
use crate::model::{Date, Record};
use crate::render::dot::{self, Briefing, Map, MapKind, View, ViewOptions};
use crate::render::explore::{explore_page, scenario_page, ScenarioSide, Snapshot};
use crate::state::NegotiationState;
use crate::whatif;
use graphviz_rust::cmd::Format;
use std::path::Path;

/// Most drawings of one map in an HTML page (one per date; the dates are
/// thinned evenly beyond this, the latest always kept).
const MAX_SNAPSHOTS: usize = 24;

/// What every drawing of one page shares.
pub(super) struct Drawing<'a> {
    pub record: &'a Record,
    pub opts: &'a ViewOptions,
    pub brief: &'a Briefing,
    pub kind: &'a MapKind,
    pub args: &'a RenderArgs,
    /// The page being written (named in Graphviz's errors).
    pub target: &'a Path,
}

impl Drawing<'_> {
    /// Lays `map` out with Graphviz, as SVG text.
    pub(super) fn svg(&self, map: &Map) -> Result<String, CliError> {
        let bytes = run_dot(&map.to_dot(), Format::Svg, self.target)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The earlier dates the page draws the map as of: every date a claim was
    /// made before the map's own, thinned evenly to fit [`MAX_SNAPSHOTS`].
    fn dates(&self) -> Vec<Date> {
        let record = self.record;
        let last = self
            .args
            .as_of
            .or_else(|| Date::parse(&self.brief.as_of).ok());
        let dates: std::collections::BTreeSet<Date> = record
            .positions
            .iter()
            .map(|p| p.date)
            .chain(record.demands.iter().map(|d| d.date))
            .chain(record.concessions.iter().map(|c| c.date))
            .filter(|d| last.is_some_and(|l| *d < l))
            .collect();
        let dates: Vec<Date> = dates.into_iter().collect();
        let room = MAX_SNAPSHOTS - 1;
        if dates.len() <= room {
            dates
        } else {
            (0..room)
                .map(|i| dates[(i + 1) * dates.len() / room - 1])
                .collect()
        }
    }

    /// The state of `record` as of `date`, under the page's filters.
    fn state_at<'r>(&self, record: &'r Record, date: Date) -> NegotiationState<'r> {
        let mut opts = self.opts.clone();
        opts.as_of = Some(date);
        NegotiationState::build(record, &opts.filter(record))
    }

    /// The map of `st`, titled as of `date`.
    fn draw_at(&self, st: &NegotiationState, date: Date) -> Map {
        let mut brief = self.brief.clone();
        brief.as_of = date.to_string();
        brief.as_of_given = true;
        dot::draw(st, self.kind, &brief, &map_options(self.args)).map
    }

    fn snapshot(&self, date: Date, st: &NegotiationState, map: Map) -> Result<Snapshot, CliError> {
        Ok(Snapshot {
            date: date.to_string(),
            view: View::of(st),
            svg: self.svg(&map)?,
            map,
        })
    }

    /// The page's title: the first line of the map's own.
    fn title(latest: &Map) -> String {
        let title = latest
            .graph_attrs
            .iter()
            .find(|(k, _)| *k == "label")
            .and_then(|(_, v)| v.lines().next())
            .unwrap_or("stancemap");
        format!("stancemap — {title}")
    }

    /// The page to explore: the map as drawn (`latest`) and the same map as of
    /// each earlier date.
    pub(super) fn explore_page(&self, latest: Snapshot) -> Result<String, CliError> {
        let mut snapshots = Vec::new();
        for date in self.dates() {
            let st = self.state_at(self.record, date);
            let map = self.draw_at(&st, date);
            snapshots.push(self.snapshot(date, &st, map)?);
        }
        let title = Self::title(&latest.map);
        snapshots.push(latest);
        Ok(explore_page(
            self.record,
            &title,
            &self.brief.subtitle(),
            &snapshots,
        ))
    }

    /// A scenario's page: before and after the moves as of each date (the
    /// after drawing marked as `render --scenario` marks it), the latest of
    /// each given, and what the moves change.
    pub(super) fn scenario_page(
        &self,
        played: &Played,
        latest_before: Snapshot,
        latest_after: Snapshot,
    ) -> Result<String, CliError> {
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for date in self.dates() {
            let sb = self.state_at(self.record, date);
            let sa = self.state_at(&played.after, date);
            let mb = self.draw_at(&sb, date);
            let mut ma = self.draw_at(&sa, date);
            dot::scenario::mark(&mb, &mut ma, &sb, &sa, &played.scenario.name);
            before.push(self.snapshot(date, &sb, mb)?);
            after.push(self.snapshot(date, &sa, ma)?);
        }
        let title = Self::title(&latest_after.map);
        before.push(latest_before);
        after.push(latest_after);
        let changes = whatif::compare::compare(
            self.record,
            &played.after,
            &self.opts.filter(self.record),
            &played.scenario,
            played.date,
        );
        let side = ScenarioSide {
            record: &played.after,
            snapshots: &after,
            scenario: &played.scenario,
            origins: &played.origins,
            changes: &changes,
        };
        Ok(scenario_page(
            self.record,
            &title,
            &self.brief.subtitle(),
            &before,
            &side,
        ))
    }
}
