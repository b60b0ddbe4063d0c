//! The status lines: study, coder, document, position, save state, progress; then the
//! last message or the keys that matter now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::keyhelp::first_key;
use super::super::keys::{Action, Ctx};
use super::super::strings;
use super::{fit, hint};

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];

/// Draws the status lines.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let t = &app.theme;
    let mut spans = vec![Span::styled(
        format!(" {} ", fit(&app.session.study.config.name, 28)),
        t.title(),
    )];
    spans.push(Span::styled(format!("· {} ", app.session.coder), t.text()));
    if let Some(v) = app.view.as_ref().filter(|_| app.review().is_none()) {
        let total = v.wrapped.lines.len().max(1);
        let line = v.wrapped.line_of(v.cursor) + 1;
        spans.push(Span::raw(format!(
            "· {} {}/{} {}% ",
            v.doc.id,
            line,
            total,
            line * 100 / total
        )));
        if let Some(seconds) = v.doc.time_at(v.cursor) {
            spans.push(Span::raw(format!(
                "· {} ",
                glose::document::format_timestamp(seconds)
            )));
        }
        if let Some(sel) = v.selection() {
            spans.push(Span::styled(
                format!(
                    "· {} {} {} ",
                    strings::SEL,
                    sel.end - sel.start,
                    strings::CHARS
                ),
                t.key(),
            ));
        }
    }
    let save = if app.session.mine.read_only.is_some() {
        Span::styled(format!("· {} ", strings::READ_ONLY), t.error())
    } else if app.session.mine.pending > 0 {
        Span::styled(format!("· {} ", strings::SAVING), t.dim())
    } else if app.session.mine.save_failed.is_some() {
        Span::styled(format!("· {} ", strings::NOT_SAVED), t.error())
    } else {
        Span::styled(format!("· {} ✓ ", strings::SAVED), t.ok())
    };
    spans.push(save);
    if app.placing().is_some() {
        spans.push(Span::styled(format!("· {} ", strings::PLACING), t.error()));
    }
    if let Some(focused) = focused_coding(app, area.width, &spans) {
        spans.push(focused);
    }
    for (label, (done, total)) in &app.session.jobs {
        let spin = SPINNER[app.ticks % SPINNER.len()];
        spans.push(Span::styled(
            format!("· {spin} {label} {done}/{total} "),
            t.dim(),
        ));
    }
    let buf = f.buffer_mut();
    buf.set_style(area, t.status());
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if area.height < 2 {
        return;
    }
    let second = match &app.message {
        Some((m, err)) => Line::from(Span::styled(
            format!(" {}", glose::text::escape_controls(m)),
            if *err { t.error() } else { t.text() },
        )),
        None => hints(app),
    };
    buf.set_line(area.x, area.y + 1, &second, area.width);
}

/// The coding under focus: its code's label and its coder, cut to the room left.
fn focused_coding(app: &App, width: u16, before: &[Span]) -> Option<Span<'static>> {
    let v = app.view.as_ref().filter(|_| app.review().is_none())?;
    let id = v.focus.as_ref()?;
    let c = v.codings.iter().find(|c| &c.id == id)?;
    let used: usize = before.iter().map(Span::width).sum();
    let coder = glose::text::escape_controls(&c.coder);
    let room = usize::from(width)
        .saturating_sub(used + coder.chars().count() + 6)
        .max(3);
    let label = glose::text::escape_controls(app.label(&c.code));
    let rgb = app
        .session
        .study
        .codebook
        .resolve(&c.code)
        .and_then(|k| k.rgb());
    Some(Span::styled(
        format!("· {} ({coder}) ", fit(&label, room)),
        app.theme.code_fg(rgb),
    ))
}

/// The keys that matter in the current context.
fn hints(app: &App) -> Line<'static> {
    let ctx = app.ctx();
    let list: &[(Action, &str)] = match ctx {
        Ctx::Documents => &[
            (Action::Open, "open"),
            (Action::Filter, "filter"),
            (Action::FocusNext, "pane"),
            (Action::Search, "search"),
        ],
        Ctx::Transcript => {
            if app.view.as_ref().is_some_and(|v| v.selection().is_some()) {
                &[
                    (Action::Code, "code"),
                    (Action::Recent(1), "recent"),
                    (Action::SelectSentence, "+sentence"),
                    (Action::Escape, "clear"),
                ]
            } else {
                &[
                    (Action::SelectSentence, "sentence"),
                    (Action::SelectTurn, "turn"),
                    (Action::ToggleSelect, "select"),
                    (Action::CodingNext, "coding"),
                    (Action::Undo, "undo"),
                    (Action::Search, "search"),
                ]
            }
        }
        Ctx::Codebook => &[
            (Action::Code, "apply"),
            (Action::Retrieve, "retrieve"),
            (Action::MemoCode, "memo"),
        ],
        Ctx::ReviewTable => &[(Action::Open, "review"), (Action::Escape, "close")],
        Ctx::Review => &[
            (Action::Take(1), "coder 1"),
            (Action::TakeBoth, "both"),
            (Action::TakeNone, "none"),
            (Action::EditDecision, "edit"),
            (Action::NextDisagreement, "next"),
            (Action::Undo, "undo"),
            (Action::Escape, "table"),
        ],
        Ctx::ReviewEdit => &[(Action::Code, "pick the code"), (Action::Escape, "cancel")],
        _ => &[],
    };
    let mut spans = vec![Span::raw(" ")];
    for (a, what) in list {
        spans.extend(hint(&app.theme, first_key(ctx, *a), what));
    }
    spans.extend(hint(&app.theme, "?".into(), "help"));
    spans.extend(hint(&app.theme, "q".into(), "quit"));
    Line::from(spans)
}
