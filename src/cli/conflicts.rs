//! `stancemap conflicts`: issue by issue, who is against whom; `--pairs` for
//! every pair of conflicting claims, most severe first.

use super::filters::{FilterArgs, Format, OutputArgs};
use super::{CliError, Context, RecordArgs};
use crate::query::conflicts;
use crate::render::{query_json, query_table};
use crate::state::{ClaimId, NegotiationState};
use clap::Args;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::value::RawValue;

#[derive(Args, Debug)]
pub struct ConflictsArgs {
    #[command(flatten)]
    pub record: RecordArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Exit 1 when there is at least one conflict (for scripts and CI).
    #[arg(long)]
    pub fail_on_conflict: bool,
    /// List every pair of conflicting claims (kind, severity, issue, a, b, claims) instead of the camps.
    #[arg(long)]
    pub pairs: bool,
    /// With --pairs, write only the first N rows.
    #[arg(long, value_name = "N", requires = "pairs")]
    pub limit: Option<usize>,
    /// Also list the demands and concessions that are history at the as-of date (met, rejected, dropped, withdrawn).
    #[arg(long)]
    pub history: bool,
}

pub fn run(ctx: &Context, args: ConflictsArgs) -> Result<(), CliError> {
    let record = ctx.load_valid(&args.record)?;
    let state = NegotiationState::build(&record, &args.filters.resolve(&record)?);
    let n = if args.pairs {
        let answer = conflicts::ConflictRows::find(&state, args.limit);
        // JSON streams row by row; a table needs every row's cells first.
        match args.output.format {
            Format::Json => {
                // Each claim written out once; the rows reuse it.
                let claims = answer.claims();
                let written = claims
                    .iter()
                    .map(|&c| query_json::fragment(&answer.claim(c), 3))
                    .collect::<std::io::Result<Vec<_>>>()
                    .map_err(CliError::io("writing a claim as JSON"))?;
                let json = PairsJson {
                    answer: &answer,
                    claims: &claims,
                    written: &written,
                };
                args.output.emit(&json, |_, _| Ok(()))?
            }
            Format::Table | Format::Csv | Format::Markdown => args
                .output
                .emit(&answer.collect(), query_table::conflicts)?,
        }
        answer.len()
    } else {
        let answer = conflicts::by_issue(&state, args.history);
        args.output.emit(&answer, query_table::conflicts_by_issue)?;
        answer.issues.len()
    };
    if args.fail_on_conflict && n > 0 {
        return Err(CliError::Findings(format!("{n} conflict(s) found")));
    }
    Ok(())
}

/// `{"conflicts": [rows…]}` streamed row by row, each claim as written once:
/// the same bytes as serialising [`conflicts::Conflicts`].
struct PairsJson<'a, 's, 'r> {
    answer: &'a conflicts::ConflictRows<'s, 'r>,
    claims: &'a [ClaimId],
    written: &'a [Box<RawValue>],
}

impl Serialize for PairsJson<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Rows<'b, 'a, 's, 'r>(&'b PairsJson<'a, 's, 'r>);
        impl Serialize for Rows<'_, '_, '_, '_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let p = self.0;
                serializer.collect_seq(p.answer.rows_with(p.claims, p.written))
            }
        }
        let mut s = serializer.serialize_struct("Conflicts", 1)?;
        s.serialize_field("conflicts", &Rows(self))?;
        s.end()
    }
}
