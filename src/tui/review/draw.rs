//! Drawing the agreement review: the per-code table, and one disagreement at a time with
//! the transcript (range highlighted) and every compared coder's stripes in labelled
//! lanes side by side, plus the consensus lane. A pure function of the review's state and
//! the layers' [`Env`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use glose::agreement::Coefficient;

use super::super::layers::Env;
use super::super::strings;
use super::super::view::text::draw_text;
use super::super::widgets::{fit, list_offset, pad, pane_block};
use super::job::{ReviewData, Row};
use super::{Phase, Review};

const SPINNER: [&str; 4] = ["⠋", "⠙", "⠹", "⠸"];

/// The screen above the status lines, where the review is drawn.
pub fn body((w, h): (u16, u16)) -> Rect {
    Rect::new(0, 0, w, h.saturating_sub(2.min(h)))
}

/// Where the parts of a disagreement go.
#[derive(Debug, Clone, Copy)]
pub struct StepGeo {
    /// Two lines: where we are, what is decided.
    pub header: Rect,
    /// The row of lane labels (and the document's name over the text).
    pub heads: Rect,
    /// The transcript text.
    pub text: Rect,
    /// The lanes, `lane_w` columns each.
    pub lanes: Rect,
    /// Width of one lane.
    pub lane_w: u16,
}

/// The geometry of the stepping view inside `body`, for `lanes` lanes (coders +
/// consensus).
pub fn step_geometry(body: Rect, lanes: usize) -> StepGeo {
    let inner = Rect {
        x: body.x.saturating_add(1),
        y: body.y.saturating_add(1),
        width: body.width.saturating_sub(2),
        height: body.height.saturating_sub(2),
    };
    let n = u16::try_from(lanes.clamp(1, 10)).unwrap_or(10);
    let lane_w = if inner.width >= 60 + n * 14 {
        14
    } else if inner.width >= 40 + n * 8 {
        8
    } else {
        2
    };
    let lanes_w = (n * lane_w).min(inner.width / 2);
    let text_w = inner.width.saturating_sub(lanes_w + 1);
    let top = 3.min(inner.height);
    let rest = inner.height - top;
    StepGeo {
        header: Rect {
            height: 2.min(inner.height),
            ..inner
        },
        heads: Rect {
            y: inner.y + top.saturating_sub(1),
            height: u16::from(top == 3),
            ..inner
        },
        text: Rect {
            y: inner.y + top,
            width: text_w,
            height: rest,
            ..inner
        },
        lanes: Rect {
            x: inner.x + text_w + 1,
            y: inner.y + top,
            width: lanes_w,
            height: rest,
        },
        lane_w,
    }
}

/// Draws the review over `area`.
pub fn draw(env: &Env, r: &Review, f: &mut Frame, area: Rect) {
    f.render_widget(ratatui::widgets::Clear, area);
    match r.phase {
        Phase::Table => {
            draw_table(env, r, f, area);
        }
        Phase::Step | Phase::Edit => draw_step(env, r, f, area),
    }
}

fn coef(c: &Coefficient) -> String {
    c.value()
        .map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

fn percent(c: &Coefficient) -> String {
    c.value()
        .map_or_else(|| "—".to_string(), |v| format!("{:.1}%", v * 100.0))
}

fn draw_table(env: &Env, r: &Review, f: &mut Frame, area: Rect) {
    let t = env.theme;
    let spin = SPINNER[env.ticks % SPINNER.len()];
    let mut title = format!(" {} ", strings::AGREEMENT);
    let busy = if r.computing {
        format!("· {spin} {} ", strings::COMPUTING)
    } else {
        String::new()
    };
    if let Some(d) = &r.data {
        let room = usize::from(area.width.saturating_sub(4));
        title.push_str(&header(
            d,
            room.saturating_sub(title.chars().count() + busy.chars().count()),
        ));
    }
    title.push_str(&busy);
    let block = pane_block(env.theme, title, env.top);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 3 || inner.width < 20 {
        return;
    }
    let buf = f.buffer_mut();
    let w = usize::from(inner.width);
    let Some(data) = &r.data else {
        let (text, style) = match &r.error {
            Some(e) => (e.clone(), t.error()),
            None => (format!("{spin} {}", strings::COMPUTING), t.dim()),
        };
        buf.set_stringn(inner.x, inner.y, fit(&text, w), w, style);
        return;
    };
    // Numeric columns, right-aligned; the code takes what is left.
    let nums = [7usize, 8, 8, 8, 9, 9];
    let code_w = w.saturating_sub(nums.iter().sum::<usize>() + 2).max(8);
    let cells = |first: String, rest: [String; 6]| {
        let mut s = format!(" {}", pad(&first, code_w));
        for (v, n) in rest.iter().zip(nums) {
            s.push_str(&format!("{v:>n$}"));
        }
        s
    };
    let [h0, h1, h2, h3, h4, h5, h6] = strings::TABLE_HEAD.map(|h| h.get());
    let head = cells(h0.into(), [h1, h2, h3, h4, h5, h6].map(str::to_string));
    buf.set_stringn(inner.x, inner.y, &head, w, t.title());
    let line_of = |row: &Row, settled: (usize, usize)| {
        let label = env.label(&row.code);
        let name = if label == row.code {
            row.code.clone()
        } else {
            format!("{}  {label}", row.code)
        };
        cells(
            name,
            [
                row.units.to_string(),
                coef(&row.alpha),
                coef(&row.kappa),
                percent(&row.percent),
                row.disagreements.to_string(),
                format!("{}/{}", settled.0, settled.1),
            ],
        )
    };
    let body_h = usize::from(inner.height).saturating_sub(3);
    let offset = list_offset(r.sel.min(data.rows.len().saturating_sub(1)), body_h);
    let mut y = inner.y + 1;
    for (i, row) in data.rows.iter().enumerate().skip(offset).take(body_h) {
        let style = if i == r.sel {
            t.list_selected()
        } else {
            t.text()
        };
        let text = line_of(row, r.progress(Some(&row.code)));
        buf.set_stringn(inner.x, y, pad(&text, w), w, style);
        let rgb = env.study.codebook.get(&row.code).and_then(|c| c.rgb());
        buf.set_stringn(inner.x, y, "■", 1, t.code_fg(rgb));
        y += 1;
    }
    buf.set_stringn(inner.x, y, "─".repeat(w), w, t.dim());
    let pooled_y = y + 1;
    let style = if r.sel >= data.rows.len() {
        t.list_selected()
    } else {
        t.title()
    };
    let mut pooled = data.pooled.clone();
    pooled.code = strings::ALL_CODES.to_string();
    let text = line_of(&pooled, r.progress(None));
    buf.set_stringn(inner.x, pooled_y, pad(&text, w), w, style);
    for (k, warn) in data.warnings.iter().enumerate() {
        let wy = pooled_y + 1 + u16::try_from(k).unwrap_or(u16::MAX);
        if wy >= inner.bottom() {
            break;
        }
        buf.set_stringn(inner.x, wy, fit(&format!(" {warn}"), w), w, t.dim());
    }
}

/// Whom the table compares (the design's first line, shortened to `room` columns), and
/// who was left out.
fn header(d: &ReviewData, room: usize) -> String {
    let left = if d.left_out.is_empty() {
        String::new()
    } else {
        strings::left_out(&d.left_out.join(", "))
    };
    let compared = d.compared.first().map_or("", String::as_str);
    let compared = compared.strip_suffix('.').unwrap_or(compared);
    let fitted = fit(
        compared,
        room.saturating_sub(left.chars().count() + 3).max(8),
    );
    fit(&format!("· {fitted}{left} "), room)
}

fn draw_step(env: &Env, r: &Review, f: &mut Frame, area: Rect) {
    let t = env.theme;
    let (s, n) = r.progress(r.code.as_deref());
    let what = r
        .code
        .as_deref()
        .map_or(strings::ALL_CODES.get(), |c| env.label(c));
    let title = strings::review_title(what, s, n);
    let block = pane_block(env.theme, title, env.top);
    f.render_widget(block, area);
    let (Some(d), Some(v), Some(data)) = (r.disagreement(), r.view.as_ref(), r.data.as_ref())
    else {
        return;
    };
    let geo = step_geometry(area, data.coders.len() + 1);
    let done = r
        .current()
        .is_some_and(|i| r.settled.get(i).copied().unwrap_or(false));
    let first = Line::from(vec![
        Span::styled(strings::disagreement_of(r.pos + 1, r.list.len()), t.title()),
        Span::raw(format!(
            "· {} · {}..{} · {} ",
            d.doc, d.range.start, d.range.end, d.code
        )),
        if done {
            Span::styled(strings::IS_SETTLED, t.ok())
        } else {
            Span::styled(strings::NOT_SETTLED, t.error())
        },
    ]);
    let consensus = env.consensus;
    let save = if let Some(why) = consensus.and_then(|c| c.read_only.as_ref()) {
        Span::styled(strings::consensus_read_only_mark(why), t.error())
    } else if consensus.is_some_and(|c| c.pending > 0) {
        Span::styled(
            format!(" {} {}", strings::CONSENSUS, strings::SAVING),
            t.dim(),
        )
    } else if consensus.is_some_and(|c| c.save_failed.is_some()) {
        Span::styled(
            format!(" {} {}", strings::CONSENSUS, strings::NOT_SAVED),
            t.error(),
        )
    } else {
        Span::styled(
            format!(" {} {} ✓", strings::CONSENSUS, strings::SAVED),
            t.ok(),
        )
    };
    let mut second = vec![save];
    for (i, c) in d.coders.iter().enumerate() {
        let what = match c.applied {
            None => strings::DID_NOT_CODE.to_string(),
            Some(false) => strings::CODED_NOTHING.to_string(),
            Some(true) => {
                let mut codes: Vec<&str> = c.codings.iter().map(|x| x.code.as_str()).collect();
                codes.dedup();
                codes.join(", ")
            }
        };
        second.push(Span::styled(format!("  {} ", i + 1), t.key()));
        second.push(Span::raw(format!("{}: {what}", c.coder)));
    }
    if r.phase == Phase::Edit {
        second.push(Span::styled(strings::EDIT_BANNER, t.key()));
    }
    let buf = f.buffer_mut();
    buf.set_line(geo.header.x, geo.header.y, &first, geo.header.width);
    if geo.header.height > 1 {
        buf.set_line(
            geo.header.x,
            geo.header.y + 1,
            &Line::from(second),
            geo.header.width,
        );
    }
    let doc_title = glose::text::escape_controls(&format!(" {} ", v.doc.id));
    buf.set_stringn(
        geo.text.x,
        geo.heads.y,
        &doc_title,
        usize::from(geo.text.width),
        t.dim(),
    );
    draw_text(env.theme, v, f, geo.text, r.phase == Phase::Edit);
    draw_lanes(env, r, f, geo);
}

/// A lane: its label and its stripes (start, end, code).
type Lane = (String, Vec<(usize, usize, String)>);

/// One lane per compared coder (their codings on this disagreement), then the consensus
/// lane (the consensus codings of this document), each labelled on the heads row.
fn draw_lanes(env: &Env, r: &Review, f: &mut Frame, geo: StepGeo) {
    let (Some(d), Some(v)) = (r.disagreement(), r.view.as_ref()) else {
        return;
    };
    let t = env.theme;
    let mut lanes: Vec<Lane> = d
        .coders
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mark = if c.applied.is_none() { " ∅" } else { "" };
            (
                format!("{} {}{mark}", i + 1, c.coder),
                c.codings
                    .iter()
                    .map(|x| (x.start, x.end, x.code.clone()))
                    .collect(),
            )
        })
        .collect();
    lanes.push((
        strings::CONSENSUS.to_string(),
        env.consensus
            .iter()
            .flat_map(|f| f.codings.iter())
            .filter(|c| c.doc == d.doc)
            .map(|c| (c.start, c.end, c.code.clone()))
            .collect(),
    ));
    let top = v.top;
    let height = usize::from(geo.text.height);
    let lw = geo.lane_w;
    let buf = f.buffer_mut();
    for (i, (name, spans)) in lanes.iter().enumerate() {
        let Some(x) = u16::try_from(i)
            .ok()
            .and_then(|i| i.checked_mul(lw))
            .map(|o| geo.lanes.x + o)
            .filter(|x| x + lw <= geo.lanes.right())
        else {
            break;
        };
        let label_w = usize::from(lw.saturating_sub(1)).max(1);
        buf.set_stringn(x, geo.heads.y, fit(name, label_w), label_w, t.key());
        for (start, end, code) in spans {
            let first = v.wrapped.line_of(*start);
            let last = v.wrapped.line_of(end.saturating_sub(1).max(*start));
            if last < top || first >= top + height {
                continue;
            }
            let k = env.study.codebook.get(code);
            let style = t.code_fg(k.and_then(|k| k.rgb()));
            let from = first.max(top);
            let to = last.min(top + height - 1);
            for line in from..=to {
                let sym = match (line == first, line == last) {
                    (true, true) => "▐",
                    (true, false) => "╻",
                    (false, true) => "╹",
                    (false, false) => "┃",
                };
                let y = geo.lanes.y + u16::try_from(line - top).unwrap_or(0);
                if let Some(cell) = buf.cell_mut((x, y)) {
                    cell.set_symbol(sym).set_style(style);
                }
            }
            if lw > 3 {
                let y = geo.lanes.y + u16::try_from(from - top).unwrap_or(0);
                let name = k.map_or(code.as_str(), |k| k.short_name());
                let w = usize::from(lw - 2);
                buf.set_stringn(x + 1, y, fit(name, w), w, style);
            }
        }
    }
}
