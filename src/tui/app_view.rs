//! What the panes show, as methods of [`App`]: the layout, the open document and where
//! its cursor is, the codings and the other coders on screen, the documents' filter.

use glose::store::Coding;

use super::app::App;
use super::doc_view::DocView;
use super::layout::Wrapped;
use super::panes::{Pane, Rects, pane_rects, text_width};

impl App {
    /// The current pane layout.
    pub fn rects(&self) -> Rects {
        pane_rects(
            ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1),
            self.focus,
        )
    }

    /// Re-wraps the transcript if the width changed, and keeps the cursor in view.
    pub fn relayout(&mut self) {
        let rects = self.rects();
        let Some(view) = self.view.as_mut() else {
            return;
        };
        let Some(area) = rects.transcript else {
            return;
        };
        let width = text_width(area.width);
        if view.wrapped.width != width || view.wrapped.lines.is_empty() {
            view.wrapped = Wrapped::new(&view.doc.text, width);
            view.relane();
        }
        let height = usize::from(area.height.saturating_sub(2)).max(1);
        let line = view.wrapped.line_of(view.cursor);
        if line < view.top {
            view.top = line;
        } else if line >= view.top + height {
            view.top = line + 1 - height;
        }
    }

    /// Height of the transcript's text area.
    pub fn page_height(&self) -> usize {
        self.rects()
            .transcript
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Opens a document in the transcript pane, cursor at `pos`; moving to another
    /// document keeps it for the next session (see [`App::save_continuity`]).
    pub fn open_doc(&mut self, id: &str, pos: usize) -> bool {
        if self.view.as_ref().is_some_and(|v| v.doc.id == id) {
            if let Some(v) = self.view.as_mut() {
                v.cursor = pos.min(v.doc.char_len());
            }
            self.relayout();
            return true;
        }
        match self.session.study.load_document(id) {
            Ok(doc) => {
                let changed = self.view.is_some();
                self.view = Some(DocView::new(doc, pos));
                if let Some(i) = self.docs.iter().position(|d| d.id == id)
                    && let Some(j) = self.doc_filtered.iter().position(|x| *x == i)
                {
                    self.doc_sel = j;
                }
                self.refresh_team();
                self.refresh_codings();
                self.relayout();
                if changed {
                    self.save_continuity();
                }
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Opens a document at a position, optionally selecting a range, focus on the transcript.
    pub fn go_to(&mut self, doc: &str, pos: usize, select: Option<std::ops::Range<usize>>) {
        if self.open_doc(doc, pos) {
            if let Some(v) = self.view.as_mut() {
                v.cursor = pos.min(v.doc.char_len());
                match select {
                    Some(r) => {
                        v.anchor = Some(r.start);
                        v.cursor = r.end.min(v.doc.char_len());
                        v.selecting = false;
                    }
                    None => v.anchor = None,
                }
            }
            self.focus = Pane::Transcript;
            self.relayout();
            // Put the passage's start in view too.
            if let Some(v) = self.view.as_mut() {
                let line = v.wrapped.line_of(pos);
                if line < v.top {
                    v.top = line;
                }
            }
        }
    }

    /// Gives a pane the focus.
    pub fn set_focus(&mut self, pane: Pane) {
        self.focus = pane;
        self.relayout();
    }

    /// Recomputes what derives from this coder's codings: the open document's codings and
    /// lanes, the counts per code, the coverage per document and the memo browser's list
    /// (open or put aside).
    pub fn refresh_codings(&mut self) {
        let open = self.view.as_ref().map(|v| v.doc.id.clone());
        let codings = &self.session.mine.codings;
        let progress =
            glose::progress::progress(&self.session.study.codebook, codings, open.as_deref());
        let mine = glose::memos::documents_with_memos(codings, &self.session.mine.memos);
        let others = &self.session.others_memo_docs;
        for row in &mut self.docs {
            row.coded = progress.coded_chars.get(&row.id).copied().unwrap_or(0);
            row.memos = mine.contains(&row.id) || others.contains(&row.id);
        }
        self.counts = progress.per_code;
        if let Some(view) = self.view.as_mut() {
            let list = glose::progress::codings_of(codings, &view.doc.id);
            view.codings = list;
            view.relane();
            if let Some(f) = &view.focus
                && !view.codings.iter().any(|c| &c.id == f)
            {
                view.focus = None;
            }
        }
        super::memo_door::refresh(self);
    }

    /// Takes in the other coders' codings (read off the UI thread): who has codings, and
    /// those shown on the open document.
    pub fn set_others(&mut self, others: glose::store::Others) {
        self.session.set_others(others);
        self.team = glose::team::coders(&self.session.others);
        self.refresh_team();
    }

    /// Shows these other coders' codings beside this coder's (for the rest of the session).
    pub fn show_coders(&mut self, coders: Vec<String>) {
        self.shown = coders;
        self.refresh_team();
    }

    /// Recomputes the shown coders' codings on the open document and their lanes.
    pub fn refresh_team(&mut self) {
        let Some(view) = self.view.as_mut() else {
            return;
        };
        view.team.codings =
            glose::team::codings_on(&self.session.others, &view.doc.id, &self.shown);
        view.relane();
    }

    /// The letter a coder's codings are drawn with (by their place among the coders with
    /// codings), if they have any.
    pub fn coder_letter(&self, coder: &str) -> Option<(usize, char)> {
        let i = self.team.iter().position(|(c, _)| c == coder)?;
        Some((i, glose::team::letter(i)))
    }

    /// Applies the document filter.
    pub fn apply_filter(&mut self) {
        let query = glose::filter::DocQuery::parse(&self.session.study.codebook, &self.doc_filter);
        let study = &self.session.study;
        self.doc_filtered = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| query.matches(&d.haystack, || study.attributes(&d.id)))
            .map(|(i, _)| i)
            .collect();
        self.doc_sel = self.doc_sel.min(self.doc_filtered.len().saturating_sub(1));
    }

    /// The coding under focus, or else the shortest coding under the cursor.
    pub fn coding_here(&self) -> Option<&Coding> {
        let view = self.view.as_ref()?;
        if let Some(id) = &view.focus
            && let Some(c) = view.codings.iter().find(|c| &c.id == id)
        {
            return Some(c);
        }
        view.codings
            .iter()
            .filter(|c| c.start <= view.cursor && view.cursor < c.end)
            .min_by_key(|c| c.end - c.start)
    }
}
