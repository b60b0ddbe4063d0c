//! Every key binding, as data: what each key does in each context, and its help text.
//! The panes' bindings are here, the layers' in `keys_layers.rs`, the review's in
//! `keys_review.rs`; [`all_bindings`] chains them, [`lookup`] reads them. The help
//! screen, the status-line hints and the docs/TUI.md table all come from them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use super::actions::{Action, Ctx};

pub use super::actions::Binding;
use super::actions::{C, N, S, b, ch};

use Action as A;

/// The panes' bindings (and the global ones), most specific first within a context;
/// `Global` is tried last.
pub const BINDINGS: &[Binding] = &[
    // Global.
    b!(
        Global,
        [ch('q'), (KeyCode::Char('c'), C)],
        A::Quit,
        "quit (everything is already saved)"
    ),
    b!(
        Global,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        "show the keys of this pane"
    ),
    b!(Global, [(KeyCode::Tab, N)], A::FocusNext, "next pane"),
    b!(
        Global,
        [(KeyCode::BackTab, S), (KeyCode::BackTab, N)],
        A::FocusPrev,
        "previous pane"
    ),
    b!(Global, [ch('/')], A::Search, "search the corpus"),
    b!(Global, [ch('n')], A::HitNext, "next search hit"),
    b!(
        Global,
        [ch('N'), (KeyCode::Char('N'), S)],
        A::HitPrev,
        "previous search hit"
    ),
    b!(
        Global,
        [ch('R'), (KeyCode::Char('R'), S)],
        A::Retrieve,
        "retrieve the passages of a code"
    ),
    b!(
        Global,
        [ch('O'), (KeyCode::Char('O'), S)],
        A::Orphans,
        "orphaned codings to place again"
    ),
    b!(Global, [ch('o')], A::JumpDoc, "jump to a document"),
    b!(Global, [ch('u')], A::Undo, "undo"),
    b!(
        Global,
        [ch('U'), (KeyCode::Char('U'), S), (KeyCode::Char('r'), C)],
        A::Redo,
        "redo"
    ),
    b!(
        Global,
        [ch('L'), (KeyCode::Char('L'), S)],
        A::Lang,
        "language: French / English (words and labels)"
    ),
    b!(
        Global,
        [ch('A'), (KeyCode::Char('A'), S)],
        A::Agreement,
        "agreement: per-code table, review the disagreements"
    ),
    // Lists (documents, codebook, results) share movement keys.
    b!(
        Documents,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous document"
    ),
    b!(
        Documents,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next document"
    ),
    b!(Documents, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(
        Documents,
        [(KeyCode::PageDown, N)],
        A::PageDown,
        "page down"
    ),
    b!(
        Documents,
        [(KeyCode::Home, N), ch('g')],
        A::Top,
        "first document"
    ),
    b!(
        Documents,
        [(KeyCode::End, N), ch('G'), (KeyCode::Char('G'), S)],
        A::Bottom,
        "last document"
    ),
    b!(
        Documents,
        [(KeyCode::Enter, N), (KeyCode::Right, N), ch('l')],
        A::Open,
        "open the document"
    ),
    b!(
        Documents,
        [ch('f')],
        A::Filter,
        "filter (id, company, stage, any attribute)"
    ),
    b!(
        Documents,
        [(KeyCode::Esc, N)],
        A::Escape,
        "clear the filter"
    ),
    b!(
        Documents,
        [ch('M'), (KeyCode::Char('M'), S)],
        A::MemoDoc,
        "memo on the document"
    ),
    // Transcript.
    b!(
        Transcript,
        [(KeyCode::Left, N), ch('h')],
        A::Left,
        "cursor left"
    ),
    b!(
        Transcript,
        [(KeyCode::Right, N), ch('l')],
        A::Right,
        "cursor right"
    ),
    b!(Transcript, [(KeyCode::Up, N), ch('k')], A::Up, "line up"),
    b!(
        Transcript,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "line down"
    ),
    b!(
        Transcript,
        [(KeyCode::PageUp, N), (KeyCode::Char('b'), C)],
        A::PageUp,
        "page up"
    ),
    b!(
        Transcript,
        [(KeyCode::PageDown, N), (KeyCode::Char('f'), C), ch(' ')],
        A::PageDown,
        "page down"
    ),
    b!(
        Transcript,
        [(KeyCode::Char('u'), C)],
        A::HalfUp,
        "half page up"
    ),
    b!(
        Transcript,
        [(KeyCode::Char('d'), C)],
        A::HalfDown,
        "half page down"
    ),
    b!(
        Transcript,
        [(KeyCode::Home, N), ch('g')],
        A::Top,
        "top of the transcript"
    ),
    b!(
        Transcript,
        [(KeyCode::End, N), ch('G'), (KeyCode::Char('G'), S)],
        A::Bottom,
        "bottom of the transcript"
    ),
    b!(Transcript, [ch('w')], A::WordNext, "next word"),
    b!(Transcript, [ch('b')], A::WordPrev, "previous word"),
    b!(Transcript, [ch('e')], A::WordEnd, "end of word"),
    b!(Transcript, [ch(')')], A::SentenceNext, "next sentence"),
    b!(Transcript, [ch('(')], A::SentencePrev, "previous sentence"),
    b!(Transcript, [ch('}')], A::TurnNext, "next speaker turn"),
    b!(Transcript, [ch('{')], A::TurnPrev, "previous speaker turn"),
    b!(Transcript, [ch(']')], A::CodingNext, "next coding"),
    b!(Transcript, [ch('[')], A::CodingPrev, "previous coding"),
    b!(
        Transcript,
        [ch('v')],
        A::ToggleSelect,
        "start / stop selecting (then move to extend)"
    ),
    b!(
        Transcript,
        [ch('s')],
        A::SelectSentence,
        "select the sentence (again: add the next)"
    ),
    b!(
        Transcript,
        [ch('t')],
        A::SelectTurn,
        "select the turn (again: add the next)"
    ),
    b!(
        Transcript,
        [ch('x')],
        A::SelectCoding,
        "select the coding under the cursor"
    ),
    b!(
        Transcript,
        [(KeyCode::Esc, N)],
        A::Escape,
        "clear the selection"
    ),
    b!(
        Transcript,
        [ch('c'), (KeyCode::Enter, N)],
        A::Code,
        "code the selection (picker)"
    ),
    b!(
        Transcript,
        [ch('1')],
        A::Recent(1),
        "apply recent code 1 (1-9)"
    ),
    b!(Transcript, [ch('2')], A::Recent(2), ""),
    b!(Transcript, [ch('3')], A::Recent(3), ""),
    b!(Transcript, [ch('4')], A::Recent(4), ""),
    b!(Transcript, [ch('5')], A::Recent(5), ""),
    b!(Transcript, [ch('6')], A::Recent(6), ""),
    b!(Transcript, [ch('7')], A::Recent(7), ""),
    b!(Transcript, [ch('8')], A::Recent(8), ""),
    b!(Transcript, [ch('9')], A::Recent(9), ""),
    b!(
        Transcript,
        [ch('d'), (KeyCode::Delete, N)],
        A::RemoveCoding,
        "remove the coding under the cursor"
    ),
    b!(
        Transcript,
        [ch('r')],
        A::ChangeCode,
        "change the code of the coding under the cursor"
    ),
    b!(
        Transcript,
        [ch('a')],
        A::Respan,
        "give the coding under focus the selected span (resize, place)"
    ),
    b!(
        Transcript,
        [ch('i')],
        A::InVivo,
        "in-vivo: a new code named after the selection, applied"
    ),
    b!(
        Transcript,
        [ch('E'), (KeyCode::Char('E'), S)],
        A::AddExample,
        "add the coding's passage to its code's examples"
    ),
    b!(
        Transcript,
        [ch('m')],
        A::MemoCoding,
        "memo on the coding under the cursor"
    ),
    b!(
        Transcript,
        [ch('M'), (KeyCode::Char('M'), S)],
        A::MemoDoc,
        "memo on the document"
    ),
    b!(
        Transcript,
        [ch('P'), (KeyCode::Char('P'), S)],
        A::PlayRecording,
        "play the recording from this passage's time"
    ),
    // Codebook.
    b!(
        Codebook,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous code"
    ),
    b!(
        Codebook,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next code"
    ),
    b!(Codebook, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(Codebook, [(KeyCode::PageDown, N)], A::PageDown, "page down"),
    b!(
        Codebook,
        [(KeyCode::Home, N), ch('g')],
        A::Top,
        "first code"
    ),
    b!(
        Codebook,
        [(KeyCode::End, N), ch('G'), (KeyCode::Char('G'), S)],
        A::Bottom,
        "last code"
    ),
    b!(
        Codebook,
        [(KeyCode::Enter, N), ch('c')],
        A::Code,
        "apply the code to the selection"
    ),
    b!(Codebook, [ch('m')], A::MemoCode, "memo on the code"),
    b!(Codebook, [ch('a')], A::NewCode, "new code beside this one"),
    b!(
        Codebook,
        [ch('C'), (KeyCode::Char('C'), S)],
        A::NewChild,
        "new code under this one"
    ),
    b!(Codebook, [ch('r')], A::RenameCode, "rename the code"),
    b!(
        Codebook,
        [ch('e')],
        A::EditCode,
        "edit the code: labels, definition, when to use and not, examples, colour"
    ),
    b!(
        Codebook,
        [ch('p')],
        A::MoveCode,
        "move the code under another parent (picker)"
    ),
    b!(
        Codebook,
        [ch('M'), (KeyCode::Char('M'), S)],
        A::MergeCode,
        "merge the code into another (its codings follow)"
    ),
    b!(
        Codebook,
        [ch('d'), (KeyCode::Delete, N)],
        A::DeleteCode,
        "delete the code (refused while codings use it)"
    ),
    b!(
        Codebook,
        [ch('R'), (KeyCode::Char('R'), S), ch('l')],
        A::Retrieve,
        "retrieve this code's passages"
    ),
    b!(
        Codebook,
        [ch('J'), (KeyCode::Char('J'), S), (KeyCode::Char('d'), C)],
        A::HalfDown,
        "scroll the definition down"
    ),
    b!(
        Codebook,
        [ch('K'), (KeyCode::Char('K'), S), (KeyCode::Char('u'), C)],
        A::HalfUp,
        "scroll the definition up"
    ),
];

/// Every binding: [`BINDINGS`], then the layers' ([`super::keys_layers::LAYER_BINDINGS`])
/// and the review's ([`super::keys_review::REVIEW_BINDINGS`]), in this order (the help
/// and docs/TUI.md list a context's keys in it).
pub fn all_bindings() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .chain(super::keys_layers::LAYER_BINDINGS.iter())
        .chain(super::keys_review::REVIEW_BINDINGS.iter())
}

/// Whether a key matches a binding key (Shift on letters is folded into the char).
fn matches(key: &KeyEvent, (code, mods): (KeyCode, KeyModifiers)) -> bool {
    let km = key.modifiers - KeyModifiers::SHIFT;
    let bm = mods - KeyModifiers::SHIFT;
    key.code == code && km == bm
}

/// The action of a key in a context; falls back to global bindings when `global`.
pub fn lookup(ctx: Ctx, key: &KeyEvent, global: bool) -> Option<Action> {
    let find = |c: Ctx| {
        all_bindings()
            .filter(|b| b.ctx == c)
            .find(|b| b.keys.iter().any(|k| matches(key, *k)))
            .map(|b| b.action)
    };
    find(ctx).or_else(|| if global { find(Ctx::Global) } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        for &ctx in Ctx::ALL {
            let mut seen = std::collections::HashSet::new();
            for b in all_bindings().filter(|b| b.ctx == ctx) {
                for k in b.keys {
                    assert!(seen.insert(*k), "{ctx:?}: {k:?} bound twice");
                }
            }
        }
    }

    #[test]
    fn ctrl_c_quits_and_pane_keys_win_over_global() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(Ctx::Transcript, &ctrl_c, true), Some(Action::Quit));
        let c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
        assert_eq!(lookup(Ctx::Transcript, &c, true), Some(Action::Code));
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(Ctx::Transcript, &shifted, true),
            Some(Action::Bottom)
        );
    }
}
