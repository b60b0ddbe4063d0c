//! The text inside a subtitle cue: markup removal, WebVTT voice spans and character
//! references, and `Speaker: text` prefixes, turning one cue into one [`Cue`] per speaker.

use super::Cue;

/// Longest label accepted as a `Speaker:` prefix, in characters.
const MAX_LABEL_CHARS: usize = 40;
/// Most words in a `Speaker:` prefix (the limit of docs/FORMATS.md).
const MAX_LABEL_WORDS: usize = 5;

/// A piece of cue text: plain text, or the start of a voice span naming a speaker.
#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Voice(String),
}

/// Splits one cue into one [`Cue`] per speaker: a voice span, or a line starting with a
/// `Speaker:` label, starts a new speaker; other markup is removed.
pub(crate) fn split_cue(start_ms: u64, end_ms: u64, lines: &[&str], vtt: bool) -> Vec<Cue> {
    // (speaker, lines, speaker came from a voice span)
    let mut segments: Vec<(Option<String>, Vec<String>, bool)> = vec![(None, Vec::new(), false)];
    for line in lines {
        let mut current_line = String::new();
        for piece in markup(line, vtt) {
            match piece {
                Piece::Text(t) => current_line.push_str(&t),
                Piece::Voice(name) => {
                    push_line(&mut segments, &mut current_line);
                    segments.push((Some(name), Vec::new(), true));
                }
            }
        }
        push_line(&mut segments, &mut current_line);
    }
    let mut out = Vec::new();
    for (speaker, seg_lines, from_voice) in segments {
        let mut speaker = speaker;
        let mut text: Vec<String> = Vec::new();
        for line in seg_lines {
            if !from_voice && let Some((label, rest)) = split_label(&line) {
                push_cue(&mut out, start_ms, end_ms, speaker.take(), &mut text);
                speaker = Some(label.to_string());
                if !rest.is_empty() {
                    text.push(rest.to_string());
                }
                continue;
            }
            text.push(line);
        }
        push_cue(&mut out, start_ms, end_ms, speaker, &mut text);
    }
    out
}

fn push_line(segments: &mut [(Option<String>, Vec<String>, bool)], line: &mut String) {
    let trimmed = line.trim();
    if let Some(last) = segments.last_mut()
        && !trimmed.is_empty()
    {
        last.1.push(trimmed.to_string());
    }
    line.clear();
}

fn push_cue(
    out: &mut Vec<Cue>,
    start: u64,
    end: u64,
    speaker: Option<String>,
    text: &mut Vec<String>,
) {
    if !text.is_empty() {
        out.push(Cue {
            start_ms: start,
            end_ms: end,
            speaker: speaker.filter(|s| !s.trim().is_empty()),
            text: text.join("\n"),
            line: 0,
        });
    }
    text.clear();
}

/// `Speaker : rest` at the start of a line: a label of at most five words starting with a
/// letter, made of letters, digits, spaces and `-'’._()`, then a colon followed by a space
/// (or the end of the line). Times (`10:30`) and URLs (`https://…`) are not labels.
fn split_label(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(':')?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = label.trim_end_matches(|c: char| c.is_whitespace());
    let ok_chars = label
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || "-'’._()".contains(c));
    let starts_with_letter = label.chars().next().is_some_and(char::is_alphabetic);
    if !ok_chars
        || !starts_with_letter
        || label.chars().count() > MAX_LABEL_CHARS
        || label.split_whitespace().count() > MAX_LABEL_WORDS
    {
        return None;
    }
    Some((label, rest.trim_start()))
}

/// Splits a cue line into text and voice starts, dropping every other tag. In WebVTT,
/// character references are decoded; in SubRip, `{\…}` override blocks are dropped.
fn markup(line: &str, vtt: bool) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    // Once a closing `>` or `}` is missing, it is missing for the rest of the line too:
    // remembering it keeps hostile lines (`<<<<…`) linear.
    let (mut no_gt, mut no_brace) = (false, false);
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        match c {
            '<' if !no_gt => {
                no_gt = true;
                if let Some((tag, tail)) = after.split_once('>') {
                    no_gt = false;
                    if let Some(name) = voice_name(tag, vtt) {
                        if !text.is_empty() {
                            pieces.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        pieces.push(Piece::Voice(name));
                    }
                    rest = tail;
                    continue;
                }
            }
            '{' if !vtt && !no_brace && after.starts_with('\\') => {
                no_brace = true;
                if let Some((_, tail)) = after.split_once('}') {
                    no_brace = false;
                    rest = tail;
                    continue;
                }
            }
            '&' if vtt => {
                // References are short: look for `;` in the next few characters only.
                let semi = after.char_indices().take(12).find(|&(_, c)| c == ';');
                if let Some((at, _)) = semi
                    && let Some(decoded) = after.get(..at).and_then(char_ref)
                {
                    text.push(decoded);
                    rest = after.get(at + 1..).unwrap_or_default();
                    continue;
                }
            }
            _ => {}
        }
        text.push(c);
        rest = after;
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// The speaker of a `<v Speaker>` or `<v.class Speaker>` tag.
fn voice_name(tag: &str, vtt: bool) -> Option<String> {
    let (name, annotation) = tag.split_once(char::is_whitespace)?;
    if name != "v" && !name.starts_with("v.") {
        return None;
    }
    let annotation = if vtt {
        let mut decoded = String::new();
        for piece in markup(annotation, true) {
            if let Piece::Text(t) = piece {
                decoded.push_str(&t);
            }
        }
        decoded
    } else {
        annotation.to_string()
    };
    let annotation = annotation.trim();
    (!annotation.is_empty()).then(|| annotation.to_string())
}

/// Decodes the WebVTT character references we meet in practice (`name` without `&`/`;`).
fn char_ref(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "nbsp" => Some('\u{a0}'),
        "lrm" => Some('\u{200e}'),
        "rlm" => Some('\u{200f}'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(
            split_label("Intervieweuse : Bonjour"),
            Some(("Intervieweuse", "Bonjour"))
        );
        assert_eq!(split_label("Speaker 1: ok"), Some(("Speaker 1", "ok")));
        assert_eq!(split_label("Q\u{a0}: oui"), Some(("Q", "oui")));
        assert_eq!(split_label("À 10:30 on part"), None);
        assert_eq!(split_label("voir https://x.fr"), None);
        assert_eq!(split_label("un deux trois quatre cinq six : non"), None);
    }

    #[test]
    fn markup_and_voices() {
        let cues = split_cue(
            0,
            1000,
            &["<v.loud Mme Durand>Oui <i>vraiment</i> &amp; <c.x>bien</c>"],
            true,
        );
        assert_eq!(cues.len(), 1);
        assert_eq!(cues[0].speaker.as_deref(), Some("Mme Durand"));
        assert_eq!(cues[0].text, "Oui vraiment & bien");
        let cues = split_cue(0, 1000, &["<v A>Un</v>", "<v B>Deux"], true);
        let got: Vec<_> = cues
            .iter()
            .map(|c| (c.speaker.as_deref(), c.text.as_str()))
            .collect();
        assert_eq!(got, [(Some("A"), "Un"), (Some("B"), "Deux")]);
        let cues = split_cue(0, 1000, &["{\\an8}A: x <b>y</b>", "B : z"], false);
        let got: Vec<_> = cues
            .iter()
            .map(|c| (c.speaker.as_deref(), c.text.as_str()))
            .collect();
        assert_eq!(got, [(Some("A"), "x y"), (Some("B"), "z")]);
        // An unclosed tag stays as text.
        assert_eq!(split_cue(0, 1, &["a < b"], true)[0].text, "a < b");
    }
}
