//! Moving the cursor and shaping the selection in the transcript: by grapheme, line,
//! word, sentence, turn, page and coding.

use std::ops::Range;

use glose::unit::Unit;
use unicode_segmentation::UnicodeSegmentation;

use super::doc_view::DocView;
use super::keys::Action;

/// Where a motion goes.
fn target(view: &DocView, action: Action, page: usize) -> Option<usize> {
    let doc = &view.doc;
    let text = doc.text.as_str();
    let len = doc.char_len();
    let cur = view.cursor.min(len);
    let byte = doc.byte_of(cur);
    let w = &view.wrapped;
    let line = w.line_of(cur);
    let col = w.col_of(text, cur);
    let to_line = |l: usize| w.pos_at(text, l.min(w.lines.len().saturating_sub(1)), col);
    Some(match action {
        Action::Left => cur.saturating_sub(
            text.get(..byte)?
                .graphemes(true)
                .next_back()
                .map_or(0, |g| g.chars().count()),
        ),
        Action::Right => (cur
            + text
                .get(byte..)?
                .graphemes(true)
                .next()
                .map_or(0, |g| g.chars().count()))
        .min(len),
        Action::Up => to_line(line.saturating_sub(1)),
        Action::Down => to_line(line + 1),
        Action::PageUp => to_line(line.saturating_sub(page)),
        Action::PageDown => to_line(line + page),
        Action::HalfUp => to_line(line.saturating_sub(page / 2)),
        Action::HalfDown => to_line(line + page / 2),
        Action::Top => 0,
        Action::Bottom => len,
        Action::WordNext => {
            let rest = text.get(byte..)?;
            let next = rest
                .split_word_bound_indices()
                .skip(1)
                .find(|(_, s)| s.chars().any(char::is_alphanumeric))
                .map_or(text.len(), |(b, _)| byte + b);
            doc.char_of(next)
        }
        Action::WordEnd => {
            let rest = text.get(byte..)?;
            let end = rest
                .split_word_bound_indices()
                .find(|(b, s)| s.chars().any(char::is_alphanumeric) && byte + b + s.len() > byte)
                .map_or(text.len(), |(b, s)| byte + b + s.len());
            doc.char_of(end)
        }
        Action::WordPrev => {
            let head = text.get(..byte)?;
            let prev = head
                .split_word_bound_indices()
                .rev()
                .find(|(_, s)| s.chars().any(char::is_alphanumeric))
                .map_or(0, |(b, _)| b);
            doc.char_of(prev)
        }
        Action::SentenceNext => {
            if view.selecting {
                doc.sentences.iter().find(|s| s.end > cur)?.end
            } else {
                doc.sentences.iter().find(|s| s.start > cur)?.start
            }
        }
        Action::SentencePrev => doc.sentences.iter().rev().find(|s| s.start < cur)?.start,
        Action::TurnNext => {
            if view.selecting {
                doc.turns.iter().find(|t| t.content.end > cur)?.content.end
            } else {
                doc.turns
                    .iter()
                    .find(|t| t.content.start > cur)?
                    .content
                    .start
            }
        }
        Action::TurnPrev => {
            doc.turns
                .iter()
                .rev()
                .find(|t| t.content.start < cur)?
                .content
                .start
        }
        _ => return None,
    })
}

/// Applies a cursor motion; extends the selection while selecting, clears it otherwise.
/// Returns false when the action is not a motion.
pub fn move_cursor(view: &mut DocView, action: Action, page: usize) -> bool {
    let Some(pos) = target(view, action, page) else {
        return matches!(
            action,
            Action::SentenceNext | Action::SentencePrev | Action::TurnNext | Action::TurnPrev
        );
    };
    if view.selecting {
        if view.anchor.is_none() {
            view.anchor = Some(view.cursor);
        }
    } else {
        view.anchor = None;
        view.unit = None;
    }
    view.cursor = pos;
    true
}

/// The unit of kind `unit` holding `pos`, or else the next one (the cursor on a speaker
/// label or a blank line takes the unit that follows).
fn unit_from(view: &DocView, unit: Unit, pos: usize) -> Option<Range<usize>> {
    view.doc.unit_at(unit, pos).or_else(|| {
        let units = view.doc.units(unit);
        let i = units.partition_point(|u| u.start < pos);
        units.get(i).cloned()
    })
}

/// The selection keys shared by the transcript and the review's edit: `v` starts or
/// stops selecting, `s` and `t` select the sentence or the turn ([`select_unit`]).
/// Returns whether `action` was one of them.
pub fn select_key(view: &mut DocView, action: super::actions::Action) -> bool {
    use super::actions::Action;
    match action {
        Action::ToggleSelect if view.selecting => view.selecting = false,
        Action::ToggleSelect => {
            view.anchor = Some(view.cursor);
            view.selecting = true;
        }
        Action::SelectSentence => select_unit(view, Unit::Sentence),
        Action::SelectTurn => select_unit(view, Unit::Turn),
        _ => return false,
    }
    true
}

/// Selects the sentence or turn (`unit`) under the cursor, or the one holding the start
/// of the selection (so that `t` after `s` takes the sentence's turn, never the next
/// one); pressed again (the selection is whole units of that kind, made by this key or
/// by motions), adds the next unit.
pub fn select_unit(view: &mut DocView, unit: Unit) {
    let sel = view.selection();
    if let Some(sel) = &sel {
        let units = view.doc.units(unit);
        let whole =
            units.iter().any(|u| u.start == sel.start) && units.iter().any(|u| u.end == sel.end);
        let other_kind = view.unit.is_some_and(|k| k != unit);
        if whole && !other_kind {
            if let Some(next) = units.iter().find(|u| u.start >= sel.end) {
                view.anchor = Some(sel.start);
                view.cursor = next.end;
                view.selecting = true;
            }
            view.unit = Some(unit);
            return;
        }
    }
    let pos = sel.map_or(view.cursor, |s| s.start);
    if let Some(u) = unit_from(view, unit, pos) {
        view.anchor = Some(u.start);
        view.cursor = u.end;
        view.selecting = true;
        view.unit = Some(unit);
    }
}

/// Moves to the next (or previous) coding and puts the focus on it.
pub fn jump_coding(view: &mut DocView, forward: bool) -> bool {
    let cur = view.cursor;
    let focus = view.focus.clone();
    let idx = focus
        .as_ref()
        .and_then(|f| view.codings.iter().position(|c| &c.id == f));
    let pick = if forward {
        match idx {
            Some(i) => view.codings.get(i + 1),
            None => view.codings.iter().find(|c| c.start > cur),
        }
    } else {
        match idx {
            Some(i) if i > 0 => view.codings.get(i - 1),
            Some(_) => None,
            None => view.codings.iter().rev().find(|c| c.start < cur),
        }
    };
    let Some(c) = pick.cloned() else {
        return false;
    };
    view.cursor = c.start;
    view.anchor = None;
    view.selecting = false;
    view.focus = Some(c.id);
    true
}
