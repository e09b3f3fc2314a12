//! `stancemap init DIR`: a new, empty record an analyst can start typing into.
//!
//! One commented file per section (each explains its fields and ends with a
//! commented example), a `sources/` folder for the cited documents, the JSON
//! Schema inside the folder so the editor hook on each file's first line works
//! without a stancemap checkout, and a short README. The record passes
//! `check --deny-warnings` as written: every section is present and empty (`[]`).
//!
//! `init` never replaces a file: it refuses a non-empty folder unless `--force`,
//! and even then keeps every file that exists and says so.

use super::{CliError, Context};
use crate::write::{write_new, NewFile};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to create the record in (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Write into a folder that already holds files; existing files are kept as they are.
    #[arg(long)]
    pub force: bool,
}

/// The files `init` writes, relative to the record folder, in the order written.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("README.md", include_str!("README.md").to_string()),
        ("actors.yaml", include_str!("actors.yaml").to_string()),
        ("issues.yaml", include_str!("issues.yaml").to_string()),
        ("positions.yaml", include_str!("positions.yaml").to_string()),
        ("demands.yaml", include_str!("demands.yaml").to_string()),
        (
            "concessions.yaml",
            include_str!("concessions.yaml").to_string(),
        ),
        ("events.yaml", include_str!("events.yaml").to_string()),
        ("schema/stancemap.schema.json", crate::schema::schema_json()),
        (
            "sources/README.md",
            include_str!("sources-README.md").to_string(),
        ),
    ]
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<(), CliError> {
    let dir = &args.dir;
    prepare(dir, args.force)?;
    let mut kept = Vec::new();
    for (name, text) in files() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            make_dir(parent)?;
        }
        match write_new(&path, text.as_bytes())
            .map_err(CliError::io(format!("writing {}", path.display())))?
        {
            NewFile::Written => {}
            NewFile::Exists => kept.push(path),
        }
    }
    if !ctx.quiet {
        for path in &kept {
            eprintln!("stancemap: kept {} as it was", path.display());
        }
        let shown = dir.display();
        if kept.len() == files().len() {
            eprintln!("stancemap: {shown} already holds every file `init` writes; nothing added");
            return Ok(());
        }
        eprintln!(
            "stancemap: created a record in {shown}; next: add actors and issues \
             (`stancemap new actor --record {shown} --append {} ...`), then `stancemap check {shown}`",
            dir.join("actors.yaml").display()
        );
    }
    Ok(())
}

/// Creates `dir`, or checks that an existing one may be written into.
fn prepare(dir: &Path, force: bool) -> Result<(), CliError> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(CliError::Usage(format!(
            "{} is a file, not a folder: give `init` a new or empty folder",
            dir.display()
        ))),
        Ok(_) => {
            let mut entries = std::fs::read_dir(dir)
                .map_err(CliError::io(format!("reading {}", dir.display())))?;
            if entries.next().is_some() && !force {
                return Err(CliError::Usage(format!(
                    "{} is not empty: give a new or empty folder, or --force to add the record's \
                     files beside what is there (no existing file is replaced)",
                    dir.display()
                )));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => make_dir(dir),
        Err(e) => Err(CliError::io(format!("reading {}", dir.display()))(e)),
    }
}

fn make_dir(dir: &Path) -> Result<(), CliError> {
    if dir.is_file() {
        return Err(CliError::Usage(format!(
            "{} is a file, not a folder: move it aside or choose another folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(CliError::io(format!("creating {}", dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The commented examples, uncommented, make a valid record: the templates
    /// teach nothing that `check` would then reject.
    #[test]
    fn uncommented_examples_are_a_valid_record() {
        let texts: Vec<(String, String)> = files()
            .into_iter()
            .filter(|(name, _)| name.ends_with(".yaml"))
            .map(|(name, text)| {
                // The example follows the section line (`actors: []`).
                let (head, example) = text.split_once(": []\n").expect("a section line");
                let mut out = format!("{head}:\n");
                for line in example.lines() {
                    out.push_str(line.strip_prefix('#').expect("an example line"));
                    out.push('\n');
                }
                (name.to_string(), out)
            })
            .collect();
        let loaded = crate::load::load_texts(texts, &crate::load::Limits::default());
        assert_eq!(loaded.error_count(), 0, "{:?}", loaded.diagnostics);
        assert_eq!(loaded.warning_count(), 0, "{:?}", loaded.diagnostics);
        let record = loaded.record.expect("the examples are valid");
        assert_eq!(record.actors.len(), 2);
        assert_eq!(record.positions.len(), 2);
        assert_eq!(record.demands.len(), 1);
        assert_eq!(record.concessions.len(), 1);
        assert_eq!(record.events.len(), 1);
    }

    #[test]
    fn every_yaml_file_has_the_schema_hook_inside_the_folder() {
        let all = files();
        for (name, text) in &all {
            if name.ends_with(".yaml") {
                let hook = text.lines().next().unwrap();
                let target = hook
                    .strip_prefix("# yaml-language-server: $schema=")
                    .unwrap_or_else(|| panic!("{name} starts with the hook"));
                assert!(all.iter().any(|(n, _)| n == &target), "{name} → {target}");
            }
        }
    }
}
