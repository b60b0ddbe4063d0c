//! `glose codebook`: show the codebook, import one kept in a spreadsheet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand};
use glose::codebook::{import_csv, validate};

use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// Show the codebook or import one from CSV.
#[derive(Debug, Args)]
pub struct CodebookArgs {
    #[command(subcommand)]
    command: CodebookCommand,
}

#[derive(Debug, Subcommand)]
enum CodebookCommand {
    /// Print the code tree with labels and colours.
    Show {
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace the study's codebook with one read from CSV (one row per code, columns
    /// id,parent,label_fr,label_en,definition,when_to_use,when_not_to_use,example,color,exclusive;
    /// `;` separators and a BOM, as Excel writes them, are accepted).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Replace a codebook that already has codes.
        #[arg(long)]
        force: bool,
    },
}

/// Runs `glose codebook …`.
pub fn run(cli: &Cli, args: &CodebookArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    match &args.command {
        CodebookCommand::Show { json } => {
            let cb = &study.codebook;
            if *json {
                print_json(&cb.tree_order())?;
                return Ok(ExitCode::SUCCESS);
            }
            let rows: Vec<Vec<String>> = cb
                .tree_order()
                .into_iter()
                .map(|c| {
                    vec![
                        format!("{}{}", "  ".repeat(cb.depth(&c.id)), c.id),
                        c.label_fr.clone(),
                        c.label_en.clone(),
                        c.color.clone(),
                    ]
                })
                .collect();
            out!(
                "{}",
                table(&["id", "label (fr)", "label (en)", "colour"], &rows)
            );
        }
        CodebookCommand::Import { file, force } => {
            let imported = import_csv(file, &study.codebook.name)?;
            let problems = validate(&imported);
            if !problems.is_empty() {
                for p in &problems {
                    errln!("{}: {}", file.display(), p.message);
                }
                bail!(Exit::new(
                    1,
                    format!(
                        "{} problem(s) in {}: the codebook was not replaced",
                        problems.len(),
                        file.display()
                    )
                ));
            }
            if !study.codebook.codes.is_empty() && !force {
                bail!(Exit::new(
                    2,
                    format!(
                        "the study already has a codebook of {} codes: give --force to replace it (codings keep their code ids)",
                        study.codebook.codes.len()
                    )
                ));
            }
            let path = study.root.join(&study.config.codebook);
            imported.save(&path)?;
            outln!(
                "imported {} codes into {}",
                imported.codes.len(),
                study.rel(&path).display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
