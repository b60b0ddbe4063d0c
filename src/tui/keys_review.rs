//! The key bindings of the agreement review (table, stepping, editing a decision), kept
//! apart from [`super::keys::BINDINGS`] so each file stays small; lookup and help read both.

use ratatui::crossterm::event::KeyCode;

use super::actions::{Action as A, Binding, C, Ctx, N, S, b, ch};

/// The review's bindings, most specific first within a context.
pub const REVIEW_BINDINGS: &[Binding] = &[
    // The agreement table.
    b!(
        ReviewTable,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous code"
    ),
    b!(
        ReviewTable,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next code"
    ),
    b!(ReviewTable, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(
        ReviewTable,
        [(KeyCode::PageDown, N)],
        A::PageDown,
        "page down"
    ),
    b!(
        ReviewTable,
        [(KeyCode::Home, N), ch('g')],
        A::Top,
        "first code (the worst)"
    ),
    b!(
        ReviewTable,
        [(KeyCode::End, N), ch('G'), (KeyCode::Char('G'), S)],
        A::Bottom,
        "all codes (the pooled line)"
    ),
    b!(
        ReviewTable,
        [(KeyCode::Enter, N), (KeyCode::Right, N), ch('l')],
        A::Open,
        "step through this code's disagreements (all codes on the pooled line)"
    ),
    b!(
        ReviewTable,
        [ch('C'), (KeyCode::Char('C'), S)],
        A::ChooseCoders,
        "choose the compared coders and documents"
    ),
    b!(ReviewTable, [ch('u')], A::Undo, "undo the last decision"),
    b!(
        ReviewTable,
        [ch('U'), (KeyCode::Char('U'), S), (KeyCode::Char('r'), C)],
        A::Redo,
        "redo a decision"
    ),
    b!(
        ReviewTable,
        [(KeyCode::Esc, N)],
        A::Escape,
        "close the agreement view"
    ),
    // Stepping through disagreements.
    b!(
        Review,
        [ch('n'), (KeyCode::Right, N), ch(']')],
        A::NextDisagreement,
        "next disagreement"
    ),
    b!(
        Review,
        [ch('p'), (KeyCode::Left, N), ch('[')],
        A::PrevDisagreement,
        "previous disagreement"
    ),
    b!(
        Review,
        [ch('1')],
        A::Take(1),
        "take coder 1's version (2-9: coder 2-9)"
    ),
    b!(Review, [ch('2')], A::Take(2), ""),
    b!(Review, [ch('3')], A::Take(3), ""),
    b!(Review, [ch('4')], A::Take(4), ""),
    b!(Review, [ch('5')], A::Take(5), ""),
    b!(Review, [ch('6')], A::Take(6), ""),
    b!(Review, [ch('7')], A::Take(7), ""),
    b!(Review, [ch('8')], A::Take(8), ""),
    b!(Review, [ch('9')], A::Take(9), ""),
    b!(
        Review,
        [ch('b')],
        A::TakeBoth,
        "keep both (every coder's) versions"
    ),
    b!(
        Review,
        [ch('0'), ch('x')],
        A::TakeNone,
        "none: the code does not apply"
    ),
    b!(
        Review,
        [ch('e')],
        A::EditDecision,
        "edit: select a new span, then pick its code"
    ),
    b!(Review, [(KeyCode::Up, N), ch('k')], A::Up, "scroll up"),
    b!(
        Review,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "scroll down"
    ),
    b!(Review, [ch('u')], A::Undo, "undo the last decision"),
    b!(
        Review,
        [ch('U'), (KeyCode::Char('U'), S), (KeyCode::Char('r'), C)],
        A::Redo,
        "redo a decision"
    ),
    b!(
        Review,
        [(KeyCode::Esc, N)],
        A::Escape,
        "back to the table (it is recomputed)"
    ),
    // Editing a decision: transcript motions and selection keys, then these.
    b!(
        ReviewEdit,
        [ch('c'), (KeyCode::Enter, N)],
        A::Code,
        "pick the code of the selected span (confirms the decision)"
    ),
    b!(
        ReviewEdit,
        [(KeyCode::Esc, N)],
        A::Escape,
        "cancel the edit"
    ),
];
