//! The key bindings of the agreement review (table, stepping, editing a decision), kept
//! apart from [`super::keys::BINDINGS`] so each file stays small; lookup and help read both.

use ratatui::crossterm::event::KeyCode;

use super::actions::{Action as A, Binding, C, Ctx, N, S, b, ch};
use super::strings;

/// The review's bindings, most specific first within a context.
pub const REVIEW_BINDINGS: &[Binding] = &[
    // The agreement table.
    b!(
        ReviewTable,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        strings::REVIEW_KEY_PREV_CODE.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        strings::REVIEW_KEY_NEXT_CODE.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::PageUp, N)],
        A::PageUp,
        strings::REVIEW_KEY_PAGE_UP.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::PageDown, N)],
        A::PageDown,
        strings::REVIEW_KEY_PAGE_DOWN.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::Home, N), ch('g')],
        A::Top,
        strings::REVIEW_KEY_FIRST_CODE.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::End, N), ch('G'), (KeyCode::Char('G'), S)],
        A::Bottom,
        strings::REVIEW_KEY_ALL_CODES.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::Enter, N), (KeyCode::Right, N), ch('l')],
        A::Open,
        strings::REVIEW_KEY_STEP.0.en
    ),
    b!(
        ReviewTable,
        [ch('C'), (KeyCode::Char('C'), S)],
        A::ChooseCoders,
        strings::REVIEW_KEY_CHOOSE_CODERS.0.en
    ),
    b!(
        ReviewTable,
        [ch('u')],
        A::Undo,
        strings::REVIEW_KEY_UNDO.0.en
    ),
    b!(
        ReviewTable,
        [ch('U'), (KeyCode::Char('U'), S), (KeyCode::Char('r'), C)],
        A::Redo,
        strings::REVIEW_KEY_REDO.0.en
    ),
    b!(
        ReviewTable,
        [(KeyCode::Esc, N)],
        A::Escape,
        strings::REVIEW_KEY_CLOSE.0.en
    ),
    // Stepping through disagreements.
    b!(
        Review,
        [ch('n'), (KeyCode::Right, N), ch(']')],
        A::NextDisagreement,
        strings::REVIEW_KEY_NEXT_DISAGREEMENT.0.en
    ),
    b!(
        Review,
        [ch('p'), (KeyCode::Left, N), ch('[')],
        A::PrevDisagreement,
        strings::REVIEW_KEY_PREV_DISAGREEMENT.0.en
    ),
    b!(Review, [ch('1')], A::Take(1), strings::REVIEW_KEY_TAKE.0.en),
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
        strings::REVIEW_KEY_BOTH.0.en
    ),
    b!(
        Review,
        [ch('0'), ch('x')],
        A::TakeNone,
        strings::REVIEW_KEY_NONE.0.en
    ),
    b!(
        Review,
        [ch('e')],
        A::EditDecision,
        strings::REVIEW_KEY_EDIT.0.en
    ),
    b!(
        Review,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        strings::REVIEW_KEY_SCROLL_UP.0.en
    ),
    b!(
        Review,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        strings::REVIEW_KEY_SCROLL_DOWN.0.en
    ),
    b!(Review, [ch('u')], A::Undo, strings::REVIEW_KEY_UNDO.0.en),
    b!(
        Review,
        [ch('U'), (KeyCode::Char('U'), S), (KeyCode::Char('r'), C)],
        A::Redo,
        strings::REVIEW_KEY_REDO.0.en
    ),
    b!(
        Review,
        [(KeyCode::Esc, N)],
        A::Escape,
        strings::REVIEW_KEY_BACK_TO_TABLE.0.en
    ),
    // Editing a decision: transcript motions and selection keys, then these.
    b!(
        ReviewEdit,
        [ch('c'), (KeyCode::Enter, N)],
        A::Code,
        strings::REVIEW_KEY_PICK_CODE.0.en
    ),
    b!(
        ReviewEdit,
        [(KeyCode::Esc, N)],
        A::Escape,
        strings::REVIEW_KEY_CANCEL_EDIT.0.en
    ),
    // Choosing the coders compared (after `C` in the table).
    b!(
        ReviewCoders,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        strings::REVIEW_CODERS_KEY_UP.0.en
    ),
    b!(
        ReviewCoders,
        [(KeyCode::Down, N), ch('j'), (KeyCode::Tab, N)],
        A::Down,
        strings::REVIEW_CODERS_KEY_DOWN.0.en
    ),
    b!(
        ReviewCoders,
        [ch(' '), ch('x')],
        A::Mark,
        strings::REVIEW_CODERS_KEY_TOGGLE.0.en
    ),
    b!(
        ReviewCoders,
        [(KeyCode::Enter, N)],
        A::Open,
        strings::REVIEW_CODERS_KEY_APPLY.0.en
    ),
    b!(
        ReviewCoders,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        strings::REVIEW_CODERS_KEY_HELP.0.en
    ),
    b!(
        ReviewCoders,
        [(KeyCode::Esc, N), ch('q')],
        A::Escape,
        strings::REVIEW_CODERS_KEY_CANCEL.0.en
    ),
];
