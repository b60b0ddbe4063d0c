//! Auto-coding from the search popup: the preview of what coding the hits (all, or the
//! marked ones) with a code would add, by the core's plan ([`glose::autocode::plan`], as
//! `glose code add --from-search` does), in sentences, turns or whole hits; Enter codes
//! them all as one change (one undo).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use glose::autocode::Plan;
use glose::search::Hit;
use glose::store::Coding;
use glose::unit::Unit;

use super::super::actions::{Action, Ctx};
use super::super::keys::lookup;
use super::super::plans::{Job, PlanJob};
use super::super::strings;
use super::super::widgets::{fit, list_popup, short};
use super::{Command, Env, Layer, Outcome};

/// The units a hit can be coded in, in the order `u` cycles them.
pub const UNITS: [Unit; 3] = [Unit::Sentence, Unit::Turn, Unit::Passage];

/// The preview's state.
#[derive(Debug, Clone)]
pub struct AutoCode {
    /// The code to apply.
    pub code: String,
    /// What around each hit is coded.
    pub unit: Unit,
    /// The hits to code.
    pub hits: Vec<Hit>,
    /// The codings that would be added, and how many spans are skipped.
    pub plan: Plan,
    /// Why no plan could be made, if none could.
    pub error: Option<String>,
    /// The first passage shown.
    pub top: usize,
    /// Whether a plan asked for has not come back yet (off the UI thread).
    pub computing: bool,
    /// The number of the last plan asked for (older answers are dropped).
    generation: u64,
}

impl AutoCode {
    /// The preview of coding `hits` with `code`, in sentences (nothing planned yet: ask
    /// for it with [`AutoCode::job`]).
    pub fn new(code: &str, hits: Vec<Hit>) -> Self {
        Self {
            code: code.to_string(),
            unit: Unit::Sentence,
            hits,
            plan: Plan::default(),
            error: None,
            top: 0,
            computing: false,
            generation: 0,
        }
    }

    /// The plan to make (after the unit changed); the preview is "computing" until
    /// [`AutoCode::receive`] gets it.
    pub fn job(&mut self, env: &Env) -> PlanJob {
        self.generation += 1;
        self.computing = true;
        let mut mine: Vec<Coding> = env.mine.to_vec();
        env.study.codebook.resolve_codings(&mut mine);
        PlanJob {
            generation: self.generation,
            study: env.study.clone(),
            hits: self.hits.clone(),
            mine,
            code: self.code.clone(),
            unit: self.unit,
            coder: env.coder.to_string(),
        }
    }

    /// Takes the plan asked for (an older one is dropped).
    pub fn receive(&mut self, generation: u64, result: Result<Plan, String>) {
        if generation != self.generation {
            return;
        }
        self.computing = false;
        match result {
            Ok(p) => {
                self.plan = p;
                self.error = None;
            }
            Err(e) => {
                self.plan = Plan::default();
                self.error = Some(e);
            }
        }
        self.top = 0;
    }
}

/// The name of a unit as the preview shows it (a passage is a search hit).
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Passage => "hit",
        u => u.name(),
    }
}

impl Layer for AutoCode {
    fn ctx(&self) -> Ctx {
        Ctx::AutoCode
    }

    fn on_key(&mut self, key: &KeyEvent, env: &Env) -> Outcome {
        let last = self.plan.adds.len().saturating_sub(1);
        match lookup(Ctx::AutoCode, key, false) {
            Some(Action::Open) if self.computing => {
                return Outcome::Do(Command::Info(strings::COMPUTING_OFF_THREAD.into()));
            }
            Some(Action::Open) => {
                if self.plan.adds.is_empty() {
                    return Outcome::Do(Command::Info(strings::nothing_to_autocode(
                        &self.code,
                        self.plan.skipped,
                    )));
                }
                return Outcome::CloseThen(Command::AutoCode {
                    code: self.code.clone(),
                    adds: std::mem::take(&mut self.plan.adds),
                });
            }
            Some(Action::CycleGroup) => {
                let i = UNITS.iter().position(|u| *u == self.unit).unwrap_or(0);
                self.unit = UNITS[(i + 1) % UNITS.len()];
                let job = Job::Plan(self.job(env));
                return Outcome::Do(Command::Compute(Box::new(job)));
            }
            Some(Action::Down) => self.top = (self.top + 1).min(last),
            Some(Action::Up) => self.top = self.top.saturating_sub(1),
            Some(Action::PageDown) => self.top = (self.top + env.page).min(last),
            Some(Action::PageUp) => self.top = self.top.saturating_sub(env.page),
            Some(Action::Help) => return Outcome::Do(Command::Help(Ctx::AutoCode)),
            Some(Action::Escape) => {
                return Outcome::CloseThen(Command::Info(strings::AUTOCODE_CANCELLED.into()));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, f: &mut Frame, area: Rect, env: &Env) {
        let theme = env.theme;
        let rgb = env.study.codebook.get(&self.code).and_then(|c| c.rgb());
        let mut title = strings::autocode_title(
            self.plan.adds.len(),
            env.label(&self.code),
            self.plan.skipped,
        );
        if self.computing {
            title = format!("{title} · {}", strings::COMPUTING_OFF_THREAD);
        }
        let inner = list_popup(f, area, theme, (&title, &strings::AUTOCODE_KEYS), 104, 8);
        if inner.height < 2 {
            return;
        }
        let w = usize::from(inner.width);
        let buf = f.buffer_mut();
        let head = Line::from(vec![
            Span::styled("u ", theme.key()),
            Span::raw(format!(
                "{} {}  ({})",
                strings::UNIT,
                unit_name(self.unit),
                UNITS.map(unit_name).join(" / ")
            )),
            Span::styled(
                format!("  {} {}", self.hits.len(), strings::HITS),
                theme.dim(),
            ),
        ]);
        buf.set_line(inner.x, inner.y, &head, inner.width);
        if let Some(e) = &self.error {
            buf.set_stringn(inner.x, inner.y + 1, e, w, theme.error());
            return;
        }
        let rows = usize::from(inner.height - 1);
        for (i, c) in self.plan.adds.iter().skip(self.top).take(rows).enumerate() {
            let y = inner.y + 1 + u16::try_from(i).unwrap_or(0);
            let meta = format!("{} {}..{} ", c.doc, c.start, c.end);
            let room = w.saturating_sub(meta.chars().count() + 2);
            let line = Line::from(vec![
                Span::styled("▌ ", theme.code_fg(rgb)),
                Span::styled(meta, theme.dim()),
                Span::styled(fit(&short(&c.anchor.quote, room + 1), room), theme.text()),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
        }
    }
}
