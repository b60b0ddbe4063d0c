//! `glose codebook`: show the codebook, import one kept in a spreadsheet, change it
//! (add, edit, rename, move, merge, split, rm), its history, and export it as an appendix.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, Subcommand, ValueEnum};
use glose::codebook::{
    AppendixFormat, Change, CodeFields, appendix, commit, import_csv, migrate, read_history,
    validate,
};
use glose::export::Pseudonyms;
use glose::store::load_all;
use glose::study::Study;
use glose::text::escape_controls;
use glose::words::cli as words;
use glose::words::tables;

use super::coder::coder_name;
use super::lang::lang;
use super::output::{print_json, table};
use super::{Cli, Exit, open_study};

/// Show, change, log and export the codebook.
#[derive(Debug, Args)]
pub struct CodebookArgs {
    #[command(subcommand)]
    command: CodebookCommand,
}

/// Options every change takes.
#[derive(Debug, Args)]
struct ChangeOpts {
    /// Why (recorded in the codebook's history).
    #[arg(long)]
    reason: Option<String>,
    /// Print the change (records before and after) as JSON.
    #[arg(long)]
    json: bool,
}

/// The fields of a code.
#[derive(Debug, Args)]
struct FieldArgs {
    /// French label.
    #[arg(long)]
    fr: Option<String>,
    /// English label.
    #[arg(long)]
    en: Option<String>,
    /// What the code means.
    #[arg(long)]
    definition: Option<String>,
    /// When to apply it.
    #[arg(long)]
    when_to_use: Option<String>,
    /// When not to apply it (and what to use instead).
    #[arg(long)]
    when_not_to_use: Option<String>,
    /// Example quotation(s).
    #[arg(long)]
    example: Option<String>,
    /// Colour, #RRGGBB.
    #[arg(long)]
    color: Option<String>,
    /// On a group: its children are mutually exclusive.
    #[arg(long)]
    exclusive: Option<bool>,
}

impl FieldArgs {
    fn fields(&self) -> CodeFields {
        CodeFields {
            label_fr: self.fr.clone(),
            label_en: self.en.clone(),
            definition: self.definition.clone(),
            when_to_use: self.when_to_use.clone(),
            when_not_to_use: self.when_not_to_use.clone(),
            example: self.example.clone(),
            color: self.color.clone(),
            exclusive: self.exclusive,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Md,
    Html,
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
    /// Add a code (under --parent, or as a new top-level group).
    Add {
        /// The label in the study's language (or give --fr / --en).
        label: Option<String>,
        /// The parent code.
        #[arg(long)]
        parent: Option<String>,
        /// The id (default: generated from the label, e.g. `risques-k7mq2a`).
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Change a code's labels, definition, when to use and not, example, colour.
    Edit {
        /// The code.
        code: String,
        #[command(flatten)]
        fields: FieldArgs,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Give a code a new label (its id, and so every coding, stays).
    Rename {
        /// The code.
        code: String,
        /// The new label.
        label: String,
        /// Which label: fr or en (default: the study's language).
        #[arg(long)]
        lang: Option<String>,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Move a code (and its children) under another parent.
    Move {
        /// The code.
        code: String,
        /// The new parent.
        #[arg(long, conflicts_with = "top", required_unless_present = "top")]
        parent: Option<String>,
        /// Make it a top-level group.
        #[arg(long)]
        top: bool,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Merge a code into another: every coder's codings of FROM count as INTO.
    Merge {
        /// The code that disappears.
        from: String,
        /// The code that absorbs it.
        into: String,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Move chosen codings of a code to another code (existing, or new with --new).
    Split {
        /// The code split.
        from: String,
        /// The coding ids to move (see `glose code list --json`).
        #[arg(required = true)]
        codings: Vec<String>,
        /// The existing code that takes them.
        #[arg(long, conflicts_with = "new", required_unless_present = "new")]
        into: Option<String>,
        /// Create a code with this label (under FROM's parent, or --parent) to take them.
        #[arg(long)]
        new: Option<String>,
        /// The parent of the new code.
        #[arg(long, requires = "new")]
        parent: Option<String>,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// Remove a code (refused while it has codings or children).
    Rm {
        /// The code.
        code: String,
        #[command(flatten)]
        opts: ChangeOpts,
    },
    /// The history of codebook changes: who, when, what, why.
    Log {
        /// Only changes touching this code.
        #[arg(long)]
        code: Option<String>,
        /// Print as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the codebook as an appendix: tree, labels, definitions, examples with real
    /// (pseudonymised) quotations, and per code the codings, interviews and coders.
    Export {
        /// md or html.
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Labels in fr or en (default: the study's language).
        #[arg(long)]
        lang: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Move a one-file codebook to the folder format (one file per code, so that clones
    /// adding codes merge in git without conflict). Ids and codings do not change.
    Migrate,
}

/// Runs `glose codebook …`.
pub fn run(cli: &Cli, args: &CodebookArgs) -> anyhow::Result<ExitCode> {
    let study = open_study(cli)?;
    match &args.command {
        CodebookCommand::Show { json } => show(&study, *json)?,
        CodebookCommand::Import { file, force } => import(&study, file, *force)?,
        CodebookCommand::Log { code, json } => log(&study, code.as_deref(), *json)?,
        CodebookCommand::Export { format, lang, out } => {
            export(&study, *format, lang.as_deref(), out.as_deref())?;
        }
        CodebookCommand::Migrate => {
            let (who, _) = coder_name(cli, &study)?;
            let cb = migrate(&study, &who)?;
            let path = study.rel(&study.root.join(&study.config.codebook));
            let path = path.display().to_string();
            outln!("{}", words::migrated(lang(), cb.codes.len(), &path));
        }
        command => change(cli, &study, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn change(cli: &Cli, study: &Study, command: &CodebookCommand) -> anyhow::Result<()> {
    let cb = &study.codebook;
    let codings = || load_all(study).codings;
    let (change, opts): (Change, &ChangeOpts) = match command {
        CodebookCommand::Add {
            label,
            parent,
            id,
            fields,
            opts,
        } => {
            let mut f = fields.fields();
            if let Some(l) = label {
                let slot = if study.config.language == "en" {
                    &mut f.label_en
                } else {
                    &mut f.label_fr
                };
                slot.get_or_insert_with(|| l.clone());
            }
            (cb.op_add(id.as_deref(), parent.as_deref(), &f)?, opts)
        }
        CodebookCommand::Edit { code, fields, opts } => (cb.op_edit(code, &fields.fields())?, opts),
        CodebookCommand::Rename {
            code,
            label,
            lang,
            opts,
        } => {
            let lang = lang.as_deref().unwrap_or(&study.config.language);
            let mut f = CodeFields::default();
            match lang {
                "fr" => f.label_fr = Some(label.clone()),
                "en" => f.label_en = Some(label.clone()),
                other => bail!(Exit::new(2, format!("--lang {other:?}: use fr or en"))),
            }
            (cb.op_edit(code, &f)?, opts)
        }
        CodebookCommand::Move {
            code, parent, opts, ..
        } => (cb.op_move(code, parent.as_deref())?, opts),
        CodebookCommand::Merge { from, into, opts } => (cb.op_merge(from, into)?, opts),
        CodebookCommand::Split {
            from,
            codings: ids,
            into,
            new,
            parent,
            opts,
        } => (
            split(
                study,
                from,
                ids,
                into.as_deref(),
                new.as_deref(),
                parent.as_deref(),
            )?,
            opts,
        ),
        CodebookCommand::Rm { code, opts } => (cb.op_remove(code, &codings())?, opts),
        _ => return Ok(()),
    };
    let (who, _) = coder_name(cli, study)?;
    commit(study, &change, &who, opts.reason.as_deref())?;
    if opts.json {
        print_json(&change)?;
    } else {
        outln!("{}", escape_controls(&change.summary));
    }
    Ok(())
}

fn split(
    study: &Study,
    from: &str,
    ids: &[String],
    into: Option<&str>,
    new: Option<&str>,
    parent: Option<&str>,
) -> anyhow::Result<Change> {
    let cb = &study.codebook;
    let codings = load_all(study).codings;
    if let Some(into) = into {
        return Ok(cb.op_split(from, into, ids, &codings)?);
    }
    let label = new.unwrap_or_default();
    let parent = match parent {
        Some(p) => Some(p.to_string()),
        None => cb.get(from).and_then(|c| c.parent.clone()),
    };
    let mut fields = CodeFields::default();
    if study.config.language == "en" {
        fields.label_en = Some(label.to_string());
    } else {
        fields.label_fr = Some(label.to_string());
    }
    let add = cb.op_add(None, parent.as_deref(), &fields)?;
    let new_id = add.steps[0].id.clone();
    let mut after = cb.clone();
    add.apply(&mut after)?;
    let moved = after.op_split(from, &new_id, ids, &codings)?;
    Ok(add.then(moved))
}

fn show(study: &Study, json: bool) -> anyhow::Result<()> {
    let cb = &study.codebook;
    if json {
        let records: Vec<_> = cb.tree_order().into_iter().map(|c| cb.record(c)).collect();
        return print_json(&records);
    }
    let rows: Vec<Vec<String>> = cb
        .tree_order()
        .into_iter()
        .map(|c| {
            vec![
                format!("{}{}", "  ".repeat(cb.depth(&c.id)), escape_controls(&c.id)),
                escape_controls(&c.label_fr),
                escape_controls(&c.label_en),
                escape_controls(&c.color),
            ]
        })
        .collect();
    out!(
        "{}",
        table(
            &tables::header(
                lang(),
                &[
                    tables::ID,
                    tables::LABEL_FR,
                    tables::LABEL_EN,
                    tables::COLOUR
                ]
            ),
            &rows
        )
    );
    Ok(())
}

fn import(study: &Study, file: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let imported = import_csv(file, &study.codebook.name)?;
    let problems = validate(&imported);
    if !problems.is_empty() {
        for p in &problems {
            errln!("{}: {}", file.display(), p.message);
        }
        let file = file.display().to_string();
        let why = words::codebook_not_replaced(lang(), problems.len(), &file);
        bail!(Exit::new(1, why));
    }
    if !study.codebook.codes.is_empty() && !force {
        let why = words::codebook_exists(lang(), study.codebook.codes.len());
        bail!(Exit::new(2, why));
    }
    let path = study.root.join(&study.config.codebook);
    imported.save(&path)?;
    let into = study.rel(&path).display().to_string();
    outln!(
        "{}",
        words::imported_codes(lang(), imported.codes.len(), &into)
    );
    Ok(())
}

fn log(study: &Study, code: Option<&str>, json: bool) -> anyhow::Result<()> {
    let (mut entries, problems) = read_history(&study.codebook.path);
    for p in &problems {
        errln!("glose: {p}");
    }
    if let Some(code) = code {
        entries.retain(|e| e.change.codes().contains(&code));
    }
    if json {
        return print_json(&entries);
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.at.to_string(),
                escape_controls(&e.who),
                escape_controls(&e.op),
                escape_controls(&e.summary),
                escape_controls(e.reason.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let header = [
        tables::WHEN,
        tables::WHO,
        tables::OP,
        tables::WHAT,
        tables::WHY,
    ];
    out!("{}", table(&tables::header(lang(), &header), &rows));
    Ok(())
}

fn export(
    study: &Study,
    format: ExportFormat,
    lang: Option<&str>,
    out: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    let names = Pseudonyms::load(&Pseudonyms::path(study))?;
    let codings = load_all(study).codings;
    let lang = lang.unwrap_or(&study.config.language);
    let format = match format {
        ExportFormat::Md => AppendixFormat::Markdown,
        ExportFormat::Html => AppendixFormat::Html,
    };
    let text = appendix(&study.codebook, &codings, &names, lang, format);
    match out {
        Some(path) => {
            glose::fsutil::write_atomic(path, text.as_bytes())?;
            errln!(
                "{}",
                words::wrote(super::lang::lang(), &path.display().to_string())
            );
        }
        None => out!("{}", text),
    }
    for leak in names.scan(&text) {
        let text = words::real_name_left(
            super::lang::lang(),
            &leak.name,
            &leak.listed_for,
            leak.count,
        );
        errln!("{text}");
    }
    Ok(())
}
