//! Retrieval: every passage coded with a code (or its descendants), by this coder, another
//! coder or all, grouped by document or by stage, filtered by case attributes.

use glose::retrieval::{GroupBy, retrieve};
use glose::store::Coding;

use super::app::App;
use super::overlay::{Retrieve, RetrieveRow, Whose};

/// Opens retrieval for a code.
pub fn open(app: &mut App, code: &str) -> Retrieve {
    let mut r = Retrieve {
        code: code.to_string(),
        whose: Whose::Mine,
        by_stage: false,
        filter: String::new(),
        editing: false,
        rows: Vec::new(),
        sel: 0,
        passages: 0,
        marked: Default::default(),
    };
    rebuild(app, &mut r);
    r
}

/// Recomputes the rows after the code, coder, grouping or filter changed (the core's
/// retrieval, with the house's stage rule when grouping by stage).
pub fn rebuild(app: &App, r: &mut Retrieve) {
    // The coder's own codings as they count now (merges and splits live in the
    // codebook; the others' are read resolved).
    let mut mine: Vec<Coding> = app.session.mine.codings.clone();
    app.study.codebook.resolve_codings(&mut mine);
    let pool: Vec<&Coding> = match &r.whose {
        Whose::Mine => mine.iter().collect(),
        Whose::Coder(name) => app.others.iter().filter(|c| &c.coder == name).collect(),
        Whose::All => mine.iter().chain(app.others.iter()).collect(),
    };
    let by = if r.by_stage {
        GroupBy::stage(&app.study)
    } else {
        GroupBy::Document
    };
    let groups = retrieve(&app.study, pool, &r.code, &r.filter, &by);
    let mut rows = Vec::new();
    let mut passages = 0;
    for g in groups {
        let name = g.key.clone().unwrap_or_else(|| "(no stage)".to_string());
        let label = if r.by_stage {
            format!("{name} ({})", g.passages.len())
        } else {
            let company = app
                .docs
                .iter()
                .find(|d| d.id == name)
                .map(|d| d.company.clone())
                .unwrap_or_default();
            format!("{name} {company} ({})", g.passages.len())
        };
        rows.push(RetrieveRow::Header(label));
        for c in g.passages {
            passages += 1;
            rows.push(RetrieveRow::Passage {
                id: c.id.clone(),
                doc: c.doc.clone(),
                range: c.range(),
                coder: c.coder.clone(),
                code: c.code.clone(),
                text: glose::text::escape_controls(&c.anchor.quote).replace(['\n', '\t'], " "),
            });
        }
    }
    r.marked.retain(|id| {
        rows.iter()
            .any(|row| matches!(row, RetrieveRow::Passage { id: p, .. } if p == id))
    });
    r.rows = rows;
    r.passages = passages;
    r.sel = first_passage(&r.rows, 0, true).unwrap_or(0);
}

/// The first passage row at or after (or before) `from`.
pub fn first_passage(rows: &[RetrieveRow], from: usize, forward: bool) -> Option<usize> {
    let is_p = |i: &usize| matches!(rows.get(*i), Some(RetrieveRow::Passage { .. }));
    if forward {
        (from..rows.len()).find(is_p)
    } else {
        (0..=from.min(rows.len().saturating_sub(1)))
            .rev()
            .find(is_p)
    }
}

/// The next choice of whose codings: mine, then each other coder, then all.
pub fn next_whose(app: &App, whose: &Whose) -> Whose {
    let mut coders: Vec<String> = app.others.iter().map(|c| c.coder.clone()).collect();
    coders.sort();
    coders.dedup();
    coders.retain(|c| c != &app.coder);
    match whose {
        Whose::Mine => coders
            .first()
            .map_or(Whose::All, |c| Whose::Coder(c.clone())),
        Whose::Coder(cur) => {
            let i = coders
                .iter()
                .position(|c| c == cur)
                .map_or(coders.len(), |i| i + 1);
            coders
                .get(i)
                .map_or(Whose::All, |c| Whose::Coder(c.clone()))
        }
        Whose::All => Whose::Mine,
    }
}
