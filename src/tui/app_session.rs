//! The app's calls into the session, as methods of [`App`]: committing an edit, the
//! continuity of a coder's place between sessions, the status line's messages, and the
//! labels of codes and stages in the interface's language.

use glose::continuity::Continuity;

use super::app::App;
use super::panes::Pane;
use super::strings;

impl App {
    /// Has the session apply an edit (one operation or several) and save it (recorded for
    /// undo when `record` is set); the status line says what was done or why not.
    pub fn commit(&mut self, edit: impl Into<glose::store::Edit>, record: bool) -> bool {
        match self.session.commit(edit, record) {
            Ok(what) => {
                self.message = Some((what, false));
                self.refresh_codings();
                true
            }
            Err(e) => {
                self.error(e);
                false
            }
        }
    }

    /// Remembers a code as recently used (the keys `1`–`9`, kept between sessions).
    pub fn touch_recent(&mut self, code: &str) {
        let mut state = Continuity {
            recent_codes: std::mem::take(&mut self.recent),
            ..Continuity::default()
        };
        state.used_code(code);
        self.recent = state.recent_codes;
    }

    /// Opens the study where this coder left it (`.glose/state/<coder>.txt`): their
    /// document at their place, focus on the transcript, and their recent codes; else the
    /// first document. Returns the warnings to show (a damaged state file, a document
    /// gone): the state is a convenience and never stops the TUI.
    pub fn resume(&mut self) -> Vec<String> {
        let (state, mut warnings) =
            glose::continuity::load(&self.session.study, &self.session.coder);
        let cb = &self.session.study.codebook;
        self.recent = state
            .recent_codes
            .into_iter()
            .filter(|c| cb.contains(c))
            .collect();
        let left = state
            .doc
            .filter(|d| {
                let known = self.docs.iter().any(|r| &r.id == d);
                if !known {
                    warnings.push(strings::left_doc_gone(d));
                }
                known
            })
            .filter(|d| self.open_doc(d, state.place));
        if left.is_some() {
            self.set_focus(Pane::Transcript);
        } else if let Some(first) = self.docs.first().map(|d| d.id.clone()) {
            self.open_doc(&first, 0);
        }
        warnings
    }

    /// Saves where this coder is (document, place, recent codes) for the next session; a
    /// read-only session leaves it to the glose holding the coder's file.
    pub fn save_continuity(&mut self) {
        if self.session.mine.read_only.is_some() {
            return;
        }
        let state = Continuity {
            doc: self.view.as_ref().map(|v| v.doc.id.clone()),
            place: self.view.as_ref().map_or(0, |v| v.cursor),
            recent_codes: self.recent.clone(),
        };
        if let Err(e) = glose::continuity::save(&self.session.study, &self.session.coder, &state) {
            self.error(format!("{}: {e}", strings::STATE_NOT_SAVED));
        }
    }

    /// Shows an error in the status line.
    pub fn error(&mut self, text: String) {
        self.message = Some((text, true));
    }

    /// Shows information in the status line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), false));
    }

    /// The label of a code in the current language.
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.session
            .study
            .codebook
            .resolve(id)
            .map_or(id, |c| c.label(&self.lang))
    }

    /// Sets the language of the interface's words and of the code and stage labels
    /// (`L` switches it; the TUI starts in `Lang::for_study`).
    pub fn set_lang(&mut self, lang: glose::locale::Lang) {
        super::strings::set_lang(lang);
        self.lang = lang.code().to_string();
    }

    /// A stage value of the cases (`growth`) as its label in the current language
    /// (`Croissance`), or as given when no stage code names it.
    pub fn stage_label<'a>(&'a self, value: &'a str) -> &'a str {
        glose::filter::resolve_stage(&self.session.study.codebook, value)
            .map_or(value, |c| c.label(&self.lang))
    }

    /// Every coding of every coder, as search filters (`code:`, `coder:`) need them.
    pub fn all_spans(&self) -> Vec<glose::search::CodedSpan> {
        self.session
            .mine
            .codings
            .iter()
            .chain(self.session.others.iter())
            .map(glose::search::CodedSpan::from)
            .collect()
    }

    /// Waits until every change is saved (on quit).
    pub fn finish(&mut self) {
        self.session.finish();
    }
}
