//! The key bindings of the layers (popups, lists and modal inputs) and the keys that open
//! the assistants' lists, kept apart from [`super::keys::BINDINGS`] (the panes') so each
//! file stays small; lookup and help read both through [`super::keys::all_bindings`].

use ratatui::crossterm::event::KeyCode;

use super::actions::{Action as A, Binding, C, Ctx, N, S, b, ch};
use super::strings;

/// The layers' bindings, most specific first within a context.
pub const LAYER_BINDINGS: &[Binding] = &[
    // Picker.
    b!(
        Picker,
        [
            (KeyCode::Up, N),
            (KeyCode::Char('p'), C),
            (KeyCode::Char('k'), C)
        ],
        A::Up,
        "previous code"
    ),
    b!(
        Picker,
        [
            (KeyCode::Down, N),
            (KeyCode::Char('n'), C),
            (KeyCode::Char('j'), C)
        ],
        A::Down,
        "next code"
    ),
    b!(
        Picker,
        [(KeyCode::Enter, N)],
        A::Open,
        "apply the code (on «create»: create it from the typed text, then apply)"
    ),
    b!(
        Picker,
        [(KeyCode::Tab, N)],
        A::ChooseParent,
        "choose the parent of the code «create» would make"
    ),
    b!(Picker, [(KeyCode::Esc, N)], A::Escape, "cancel"),
    // Memo editor.
    b!(
        Memo,
        [(KeyCode::Char('s'), C), (KeyCode::Esc, N)],
        A::Open,
        "save the memo and close"
    ),
    b!(
        Memo,
        [(KeyCode::Char('g'), C)],
        A::Escape,
        "close without saving"
    ),
    // Prompt.
    b!(Prompt, [(KeyCode::Enter, N)], A::Open, "do it"),
    b!(Prompt, [(KeyCode::Esc, N)], A::Escape, "cancel"),
    // Code form.
    b!(
        CodeForm,
        [(KeyCode::Char('s'), C), (KeyCode::Esc, N)],
        A::Open,
        "save the code and close"
    ),
    b!(
        CodeForm,
        [(KeyCode::Char('g'), C)],
        A::Escape,
        "close without saving"
    ),
    b!(CodeForm, [(KeyCode::Tab, N)], A::FocusNext, "next field"),
    b!(
        CodeForm,
        [(KeyCode::BackTab, S), (KeyCode::BackTab, N)],
        A::FocusPrev,
        "previous field"
    ),
    // Search.
    b!(Search, [(KeyCode::Up, N), ch('k')], A::Up, "previous hit"),
    b!(Search, [(KeyCode::Down, N), ch('j')], A::Down, "next hit"),
    b!(Search, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(Search, [(KeyCode::PageDown, N)], A::PageDown, "page down"),
    b!(Search, [(KeyCode::Enter, N)], A::Open, "go to the passage"),
    b!(Search, [ch('/')], A::Search, "edit the query"),
    b!(
        Search,
        [ch('x'), ch(' ')],
        A::Mark,
        "mark / unmark the hit (to auto-code only the marked ones)"
    ),
    b!(
        Search,
        [ch('a')],
        A::AutoCode,
        "auto-code the hits (or the marked ones) with a code: preview, then one undo"
    ),
    b!(
        Search,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        "show these keys"
    ),
    b!(Search, [(KeyCode::Esc, N), ch('q')], A::Escape, "close"),
    // Retrieve.
    b!(
        Retrieve,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous passage"
    ),
    b!(
        Retrieve,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next passage"
    ),
    b!(Retrieve, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(Retrieve, [(KeyCode::PageDown, N)], A::PageDown, "page down"),
    b!(
        Retrieve,
        [(KeyCode::Enter, N)],
        A::Open,
        "go to the passage"
    ),
    b!(
        Retrieve,
        [ch('c')],
        A::CycleCoder,
        "whose codings: mine, each coder, all"
    ),
    b!(
        Retrieve,
        [ch('g')],
        A::CycleGroup,
        "group by document, stage, coder or code"
    ),
    b!(
        Retrieve,
        [ch('f')],
        A::Filter,
        "filter by attribute (sector=artisanat)"
    ),
    b!(Retrieve, [ch('p')], A::Code, "pick another code"),
    b!(
        Retrieve,
        [ch('x'), ch(' ')],
        A::Mark,
        "mark / unmark the passage for a split"
    ),
    b!(
        Retrieve,
        [ch('S'), (KeyCode::Char('S'), S)],
        A::Split,
        "split: move the marked passages (or this one) to a new or existing code"
    ),
    b!(
        Retrieve,
        [ch('r')],
        A::ChangeCode,
        "recode the passage (your codings)"
    ),
    b!(
        Retrieve,
        [ch('m')],
        A::MemoCoding,
        "memo on the passage's coding (yours)"
    ),
    b!(
        Retrieve,
        [ch('+'), ch('=')],
        A::MoreContext,
        "more context (sentences before and after)"
    ),
    b!(Retrieve, [ch('-')], A::LessContext, "less context"),
    b!(
        Retrieve,
        [ch('e')],
        A::Export,
        "export what is shown (file in exports/)"
    ),
    b!(
        Retrieve,
        [ch('E'), (KeyCode::Char('E'), S)],
        A::ExportFormat,
        "export format: md, html, csv, tsv, jsonl, xlsx"
    ),
    b!(
        Retrieve,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        "show these keys"
    ),
    b!(Retrieve, [(KeyCode::Esc, N), ch('q')], A::Escape, "close"),
    // Orphans.
    b!(
        Orphans,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous orphan"
    ),
    b!(
        Orphans,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next orphan"
    ),
    b!(
        Orphans,
        [(KeyCode::Enter, N)],
        A::Open,
        "go there to place it (select, then a)"
    ),
    b!(
        Orphans,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        "show these keys"
    ),
    b!(Orphans, [(KeyCode::Esc, N), ch('q')], A::Escape, "close"),
    // Other coders on screen (#18).
    b!(
        Transcript,
        [ch('C'), (KeyCode::Char('C'), S)],
        A::ShowCoders,
        "show other coders' codings beside yours (choose whose)"
    ),
    b!(
        Transcript,
        [ch('D'), (KeyCode::Char('D'), S)],
        A::MergeDuplicates,
        "merge your overlapping codings of one code here"
    ),
    b!(
        ShowCoders,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous coder"
    ),
    b!(
        ShowCoders,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next coder"
    ),
    b!(
        ShowCoders,
        [ch(' '), ch('x')],
        A::Mark,
        "show / hide this coder's codings"
    ),
    b!(ShowCoders, [ch('a')], A::MarkAll, "all coders / none"),
    b!(ShowCoders, [(KeyCode::Enter, N)], A::Open, "apply"),
    b!(
        ShowCoders,
        [(KeyCode::Esc, N), ch('q')],
        A::Escape,
        "cancel"
    ),
    // Auto-coding preview.
    b!(
        AutoCode,
        [(KeyCode::Enter, N)],
        A::Open,
        "code every passage shown (one change, one undo)"
    ),
    b!(
        AutoCode,
        [ch('u')],
        A::CycleGroup,
        "unit: the sentence, the turn or the whole hit"
    ),
    b!(AutoCode, [(KeyCode::Up, N), ch('k')], A::Up, "scroll up"),
    b!(
        AutoCode,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "scroll down"
    ),
    b!(AutoCode, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(AutoCode, [(KeyCode::PageDown, N)], A::PageDown, "page down"),
    b!(
        AutoCode,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        "show these keys"
    ),
    b!(
        AutoCode,
        [(KeyCode::Esc, N), ch('q')],
        A::Escape,
        "cancel: nothing is coded"
    ),
    // The assistants (#21): opening them, then each list's keys.
    b!(
        Global,
        [ch('S'), (KeyCode::Char('S'), S)],
        A::Suggest,
        "suggestions of a code for this document, learned from your codings"
    ),
    b!(
        Global,
        [ch('~'), (KeyCode::Char('~'), S)],
        A::Similar,
        "passages like the selection or the coding under the cursor"
    ),
    b!(
        Global,
        [ch('I'), (KeyCode::Char('I'), S)],
        A::Consistency,
        "consistency review: near-identical passages coded differently, likely miscodings"
    ),
    b!(
        Global,
        [ch(';')],
        A::BackToList,
        "back to the list left with Enter (suggestions, similar, consistency)"
    ),
    b!(
        Suggest,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous suggestion"
    ),
    b!(
        Suggest,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next suggestion"
    ),
    b!(
        Suggest,
        [ch('a'), ch('y')],
        A::Accept,
        "accept: code the passage (undo with u)"
    ),
    b!(
        Suggest,
        [ch('x'), ch('n')],
        A::Reject,
        "reject: never propose this passage for this code again"
    ),
    b!(
        Suggest,
        [(KeyCode::Enter, N)],
        A::Open,
        "go to the passage (; comes back to the list)"
    ),
    b!(Suggest, [ch('p')], A::Code, "suggestions of another code"),
    b!(Suggest, [(KeyCode::Esc, N), ch('q')], A::Escape, "close"),
    b!(
        Similar,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous passage"
    ),
    b!(
        Similar,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next passage"
    ),
    b!(
        Similar,
        [(KeyCode::Enter, N)],
        A::Open,
        "go to the passage (; comes back to the list)"
    ),
    b!(
        Similar,
        [ch('f')],
        A::Filter,
        "which passages: all, uncoded, coded by me"
    ),
    b!(Similar, [(KeyCode::Esc, N), ch('q')], A::Escape, "close"),
    b!(
        Consistency,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        "previous item"
    ),
    b!(
        Consistency,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        "next item"
    ),
    b!(
        Consistency,
        [(KeyCode::Enter, N)],
        A::Open,
        "go to the passage (; comes back to the list)"
    ),
    b!(
        Consistency,
        [ch('r')],
        A::Recode,
        "recode: change the code of your coding here (or code the passage)"
    ),
    b!(
        Consistency,
        [ch('y'), ch(' ')],
        A::Keep,
        "keep: the coding is right as it is"
    ),
    b!(
        Consistency,
        [ch('m')],
        A::Memo,
        "memo on the coding here (or on the document)"
    ),
    b!(
        Consistency,
        [(KeyCode::Esc, N), ch('q')],
        A::Escape,
        "close"
    ),
    // The memo browser (#18).
    b!(
        Global,
        [ch('W'), (KeyCode::Char('W'), S)],
        A::Memos,
        strings::MEMOS_KEY_BROWSE.0.en
    ),
    b!(
        Memos,
        [(KeyCode::Up, N), ch('k')],
        A::Up,
        strings::MEMOS_KEY_UP.0.en
    ),
    b!(
        Memos,
        [(KeyCode::Down, N), ch('j')],
        A::Down,
        strings::MEMOS_KEY_DOWN.0.en
    ),
    b!(Memos, [(KeyCode::PageUp, N)], A::PageUp, "page up"),
    b!(Memos, [(KeyCode::PageDown, N)], A::PageDown, "page down"),
    b!(
        Memos,
        [(KeyCode::Enter, N)],
        A::Open,
        strings::MEMOS_KEY_OPEN.0.en
    ),
    b!(Memos, [ch('e')], A::Edit, strings::MEMOS_KEY_EDIT.0.en),
    b!(Memos, [ch('/')], A::Search, strings::MEMOS_KEY_SEARCH.0.en),
    b!(Memos, [ch('d')], A::FilterDoc, strings::MEMOS_KEY_DOC.0.en),
    b!(
        Memos,
        [ch('t')],
        A::FilterCode,
        strings::MEMOS_KEY_CODE.0.en
    ),
    b!(
        Memos,
        [ch('c')],
        A::FilterCoder,
        strings::MEMOS_KEY_CODER.0.en
    ),
    b!(
        Memos,
        [ch('?'), (KeyCode::F(1), N)],
        A::Help,
        strings::MEMOS_KEY_HELP.0.en
    ),
    b!(
        Memos,
        [(KeyCode::Esc, N), ch('q')],
        A::Escape,
        strings::MEMOS_KEY_CLOSE.0.en
    ),
    // The segments reader on a search's hits (#18).
    b!(
        Search,
        [ch('R'), (KeyCode::Char('R'), S)],
        A::Retrieve,
        strings::SEARCH_KEY_READ.0.en
    ),
];
