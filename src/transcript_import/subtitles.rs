//! SubRip (`.srt`) and WebVTT (`.vtt`) import, hand-written (see CRATES.md §7).
//!
//! Transcription services deliver interviews as subtitles. We read the cues, find who
//! speaks (a WebVTT voice span `<v Intervieweuse>`, or a `Speaker: text` prefix inside a
//! cue), strip the other markup, and turn consecutive cues of one speaker into one glose
//! turn `[hh:mm:ss] Speaker : text`, stamped with the time of its first cue.

use super::cue_text::split_cue;
use super::{ImportError, ImportOptions};

/// One cue of a subtitle file, or one voice of a cue that holds several: times in
/// milliseconds, the speaker if known, and the cleaned text (lines joined by `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// Start time in milliseconds.
    pub start_ms: u64,
    /// End time in milliseconds.
    pub end_ms: u64,
    /// Who speaks, from a voice span or a `Speaker:` prefix.
    pub speaker: Option<String>,
    /// The text without markup; lines joined by `\n`, never empty.
    pub text: String,
    /// The 1-based line of the cue's timing line in its file (0 for a cue not read from
    /// a file), so that warnings can name it.
    pub line: usize,
}

/// Parses SubRip text (BOM and CRLF accepted): numbered blocks with a timing line
/// `hh:mm:ss,mmm --> hh:mm:ss,mmm`, then text lines. Formatting tags (`<i>`, `<font …>`)
/// and `{\an8}`-style overrides are removed.
pub fn parse_srt(file: &str, text: &str) -> Result<Vec<Cue>, ImportError> {
    parse_srt_with_empty(file, text).map(|(cues, _)| cues)
}

/// [`parse_srt`], also giving the lines of cues that hold no text (skipped: a warning
/// should name them).
pub fn parse_srt_with_empty(file: &str, text: &str) -> Result<(Vec<Cue>, Vec<usize>), ImportError> {
    let unified = unify_lines(text);
    let mut blocks: Vec<SrtBlock<'_>> = Vec::new();
    let mut current: Option<SrtBlock<'_>> = None;
    let mut blank_before = true;
    for (i, line) in unified.split('\n').enumerate() {
        let t = line.trim();
        if t.contains("-->") {
            let (start_ms, end_ms) = parse_timing(t).ok_or_else(|| bad_timing(file, i + 1, t))?;
            if let Some(mut block) = current.take() {
                // The number of the next cue ends up as the last line of this one.
                if matches!(block.lines.last(), Some((l, true)) if is_digits(l)) {
                    block.lines.pop();
                }
                blocks.push(block);
            }
            current = Some(SrtBlock {
                start_ms,
                end_ms,
                line: i + 1,
                lines: Vec::new(),
            });
            blank_before = false;
        } else if t.is_empty() {
            blank_before = true;
        } else {
            match current.as_mut() {
                Some(block) => block.lines.push((t, blank_before)),
                None if is_digits(t) => {}
                None => {
                    return Err(subtitle_error(
                        file,
                        i + 1,
                        "expected a cue number or a timing line \
                         (`00:00:01,000 --> 00:00:02,500`); is this a .srt file?",
                    ));
                }
            }
            blank_before = false;
        }
    }
    blocks.extend(current);
    let mut cues = Vec::new();
    let mut empty = Vec::new();
    for block in blocks {
        let lines: Vec<&str> = block.lines.into_iter().map(|(l, _)| l).collect();
        let found = split_cue(block.start_ms, block.end_ms, &lines, false);
        push_block(&mut cues, &mut empty, found, block.line);
    }
    Ok((no_cues_check(file, cues)?, empty))
}

/// Adds one block's cues, stamped with the block's timing line, or notes the line of a
/// block with no text.
fn push_block(cues: &mut Vec<Cue>, empty: &mut Vec<usize>, found: Vec<Cue>, line: usize) {
    if found.is_empty() {
        empty.push(line);
    }
    cues.extend(found.into_iter().map(|c| Cue { line, ..c }));
}

/// A SubRip block being read: its times and its text lines, each with whether a blank
/// line preceded it (a number after a blank line is the next cue's index).
struct SrtBlock<'a> {
    start_ms: u64,
    end_ms: u64,
    line: usize,
    lines: Vec<(&'a str, bool)>,
}

/// Parses WebVTT text: the `WEBVTT` signature, then blocks separated by blank lines.
/// `NOTE`, `STYLE` and `REGION` blocks are skipped, cue identifiers and cue settings are
/// ignored, `<v Speaker>` voice spans give the speaker, other tags are removed and
/// character references (`&amp;`, `&#233;`, …) are decoded.
pub fn parse_vtt(file: &str, text: &str) -> Result<Vec<Cue>, ImportError> {
    parse_vtt_with_empty(file, text).map(|(cues, _)| cues)
}

/// [`parse_vtt`], also giving the lines of cues that hold no text (skipped: a warning
/// should name them).
pub fn parse_vtt_with_empty(file: &str, text: &str) -> Result<(Vec<Cue>, Vec<usize>), ImportError> {
    let unified = unify_lines(text);
    let lines: Vec<&str> = unified.split('\n').collect();
    let first = lines.first().copied().unwrap_or_default();
    let signature_ok = first
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !signature_ok {
        return Err(subtitle_error(
            file,
            1,
            "missing the `WEBVTT` signature; is this a .vtt file?",
        ));
    }
    let mut cues = Vec::new();
    let mut empty = Vec::new();
    // Skip the header: everything up to the first blank line.
    let mut i = lines
        .iter()
        .position(|l| l.trim().is_empty())
        .unwrap_or(lines.len());
    while i < lines.len() {
        if lines.get(i).is_some_and(|l| l.trim().is_empty()) {
            i += 1;
            continue;
        }
        let start = i;
        while lines.get(i).is_some_and(|l| !l.trim().is_empty()) {
            i += 1;
        }
        let block = lines.get(start..i).unwrap_or_default();
        let head = block.first().copied().unwrap_or_default();
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|kw| is_keyword_line(head, kw))
        {
            continue;
        }
        // The timing is the first line, or the second after a cue identifier.
        let Some(timing_at) = block.iter().take(2).position(|l| l.contains("-->")) else {
            continue; // the WebVTT parsing rules discard a block without a timing
        };
        let line_no = start + timing_at + 1;
        let timing = block.get(timing_at).copied().unwrap_or_default().trim();
        let (from, to) = parse_timing(timing).ok_or_else(|| bad_timing(file, line_no, timing))?;
        let text_lines: Vec<&str> = block
            .get(timing_at + 1..)
            .unwrap_or_default()
            .iter()
            .map(|l| l.trim())
            .collect();
        let found = split_cue(from, to, &text_lines, true);
        push_block(&mut cues, &mut empty, found, line_no);
    }
    Ok((no_cues_check(file, cues)?, empty))
}

/// Warnings for cues with no text, by line (nothing is lost: they had none).
pub fn empty_cue_warnings(file: &str, lines: &[usize]) -> Vec<String> {
    lines
        .iter()
        .map(|l| format!("{file}:{l}: a cue with no text: skipped"))
        .collect()
}

/// Renders cues as SubRip text (a speaker becomes a `Speaker: ` prefix); the inverse of
/// [`parse_srt`] for cues whose text has no markup or colon.
pub fn render_srt(cues: &[Cue]) -> String {
    let mut out = String::new();
    for (n, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n",
            n + 1,
            timestamp(cue.start_ms, ','),
            timestamp(cue.end_ms, ',')
        ));
        if let Some(speaker) = &cue.speaker {
            out.push_str(speaker);
            out.push_str(": ");
        }
        out.push_str(&cue.text);
        out.push_str("\n\n");
    }
    out
}

/// Renders cues as WebVTT text (a speaker becomes a `<v Speaker>` span); the inverse of
/// [`parse_vtt`].
pub fn render_vtt(cues: &[Cue]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::from("WEBVTT\n\n");
    for cue in cues {
        out.push_str(&format!(
            "{} --> {}\n",
            timestamp(cue.start_ms, '.'),
            timestamp(cue.end_ms, '.')
        ));
        if let Some(speaker) = &cue.speaker {
            out.push_str(&format!("<v {}>", escape(speaker)));
        }
        out.push_str(&escape(&cue.text));
        out.push_str("\n\n");
    }
    out
}

/// Turns cues into a glose body. If any cue has a speaker, consecutive cues of the same
/// speaker become one turn: `[hh:mm:ss] Speaker : text` for the first cue, then one line
/// `[hh:mm:ss] text` for each following cue, so every cue keeps its start time (cues
/// without a speaker get `options.default_speaker`). Otherwise the cues become paragraphs
/// of `[hh:mm:ss] text` lines, a new paragraph starting after a pause longer than
/// `options.pause_ms`.
pub fn cues_to_body(cues: &[Cue], options: &ImportOptions) -> String {
    let any_speaker = cues.iter().any(|c| c.speaker.is_some());
    // (speaker, lines)
    let mut blocks: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut prev_end = 0u64;
    for cue in cues {
        let text = cue.text.split('\n').collect::<Vec<_>>().join(" ");
        let speaker = any_speaker
            .then(|| clean_speaker(cue.speaker.as_deref().unwrap_or(&options.default_speaker)));
        let continues = match blocks.last() {
            None => false,
            Some((last, _)) if any_speaker => *last == speaker,
            Some(_) => cue.start_ms.saturating_sub(prev_end) <= options.pause_ms,
        };
        let stamp = clock(cue.start_ms);
        let line = format!("[{stamp}] {text}");
        // A cue whose text would read as a label (`Bon : …`) repeats its speaker instead.
        let reads_as_label =
            crate::document::match_label(&line, &[]).is_some_and(|m| m.timestamp.is_some());
        match blocks.last_mut() {
            Some((_, lines)) if continues && !reads_as_label => lines.push(line),
            Some((Some(s), lines)) if continues => lines.push(format!("[{stamp}] {s} : {text}")),
            _ => {
                let first = match &speaker {
                    Some(s) => format!("[{stamp}] {s} : {text}"),
                    None => format!("[{stamp}] {text}"),
                };
                blocks.push((speaker, vec![first]));
            }
        }
        prev_end = cue.end_ms;
    }
    let rendered: Vec<String> = blocks
        .into_iter()
        .map(|(_, lines)| lines.join("\n"))
        .collect();
    rendered.join("\n\n")
}

/// Remarks about cue times: out of order, overlapping the previous cue, ending before
/// they start. The cues are kept as they are; a cue is named by its file line and its
/// 1-based number.
pub fn timing_warnings(file: &str, cues: &[Cue]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, pair) in cues.windows(2).enumerate() {
        let (prev, cue) = (&pair[0], &pair[1]);
        if cue.start_ms < prev.start_ms {
            out.push(format!(
                "{}: cue {} starts at {} before cue {} ({}): kept in file order",
                place(file, cue),
                i + 2,
                timestamp(cue.start_ms, '.'),
                i + 1,
                timestamp(prev.start_ms, '.')
            ));
        } else if cue.start_ms < prev.end_ms && cue.start_ms != prev.start_ms {
            out.push(format!(
                "{}: cue {} ({}) overlaps cue {} (ends {})",
                place(file, cue),
                i + 2,
                timestamp(cue.start_ms, '.'),
                i + 1,
                timestamp(prev.end_ms, '.')
            ));
        }
    }
    for (i, cue) in cues.iter().enumerate() {
        if cue.end_ms < cue.start_ms {
            out.push(format!(
                "{}: cue {} ends ({}) before it starts ({})",
                place(file, cue),
                i + 1,
                timestamp(cue.end_ms, '.'),
                timestamp(cue.start_ms, '.')
            ));
        }
    }
    out
}

/// `file:line` for a cue read from a file, else `file`.
fn place(file: &str, cue: &Cue) -> String {
    match cue.line {
        0 => file.to_string(),
        l => format!("{file}:{l}"),
    }
}

/// `hh:mm:ss` (hours may exceed 99) for a time in milliseconds, rounded down.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `hh:mm:ss<sep>mmm` for a time in milliseconds.
fn timestamp(ms: u64, sep: char) -> String {
    format!("{}{sep}{:03}", clock(ms), ms % 1000)
}

/// A speaker label usable in a turn: one line, no colon, spaces collapsed.
fn clean_speaker(s: &str) -> String {
    let s = s.replace(':', " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unify_lines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `line` is `kw` alone or followed by a space or tab (`NOTE this is a note`).
fn is_keyword_line(line: &str, kw: &str) -> bool {
    line.strip_prefix(kw)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Parses `start --> end [settings]`; settings are ignored.
fn parse_timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((parse_timestamp(start.trim())?, parse_timestamp(end)?))
}

/// Parses `[hh:]mm:ss[.,]mmm` (hours of any width; the fraction may be absent or shorter).
fn parse_timestamp(s: &str) -> Option<u64> {
    let (clock_part, frac) = match s.split_once(['.', ',']) {
        Some((c, f)) => (c, f),
        None => (s, ""),
    };
    let parts: Vec<&str> = clock_part.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, s] => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    let num = |p: &str, max_len: usize| -> Option<u64> {
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (h, m, sec) = (num(h, 6)?, num(m, 2)?, num(sec, 2)?);
    if m >= 60 || sec >= 60 || frac.len() > 3 {
        return None;
    }
    let ms = if frac.is_empty() {
        0
    } else {
        num(frac, 3)? * 10u64.pow(3 - frac.len() as u32)
    };
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

fn bad_timing(file: &str, line: usize, text: &str) -> ImportError {
    subtitle_error(file, line, &format!("cannot read the cue timing `{text}`"))
}

fn subtitle_error(file: &str, line: usize, reason: &str) -> ImportError {
    ImportError::Subtitle {
        file: file.to_string(),
        line,
        reason: reason.to_string(),
    }
}

fn no_cues_check(file: &str, cues: Vec<Cue>) -> Result<Vec<Cue>, ImportError> {
    if cues.is_empty() {
        return Err(subtitle_error(file, 1, "no subtitle cue with text found"));
    }
    Ok(cues)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp("01:02:03,456"), Some(3_723_456));
        assert_eq!(parse_timestamp("02:03.4"), Some(123_400));
        assert_eq!(parse_timestamp("100:00:00.000"), Some(360_000_000));
        for bad in [
            "",
            "1:2:3:4",
            "00:60:00.000",
            "aa:00.000",
            "00:00.1234",
            "-1:00.000",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(
            parse_timing("00:01.000 --> 00:02.500 align:start position:10%"),
            Some((1000, 2500))
        );
        assert_eq!(clock(3_723_999), "01:02:03");
    }

    #[test]
    fn srt_errors_name_the_line() {
        let err = parse_srt(
            "s.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:0x --> 1\n",
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("s.srt: line 6:"), "{err}");
        let err = parse_srt("s.srt", "hello\n").unwrap_err();
        assert!(err.to_string().starts_with("s.srt: line 1:"), "{err}");
    }

    #[test]
    fn vtt_blocks() {
        let text = "WEBVTT - titre\nKind: captions\n\nSTYLE\n::cue { color: red }\n\n\
                    NOTE une note\n00:00:01.000 --> 00:00:02.000\n\nREGION\nid:r1\n\n\
                    c1\n00:00:03.000 --> 00:00:04.000 line:0\nTexte\n\nsans timing\n";
        let cues = parse_vtt("v.vtt", text).unwrap();
        assert_eq!(
            cues,
            [Cue {
                start_ms: 3000,
                end_ms: 4000,
                speaker: None,
                text: "Texte".into(),
                line: 14,
            }]
        );
        assert!(parse_vtt("v.vtt", "WEBVTTX\n").is_err());
        assert!(parse_vtt("v.vtt", "WEBVTT\n\n").is_err());
    }

    #[test]
    fn bad_timings_are_warned_about_and_every_cue_is_kept() {
        let cue = |s, e, t: &str| Cue {
            start_ms: s,
            end_ms: e,
            speaker: Some("A".into()),
            text: t.into(),
            line: (s / 100) as usize,
        };
        let cues = [
            cue(5000, 6000, "a"),
            cue(1000, 2000, "b"),
            cue(1500, 3000, "c"),
            cue(4000, 3500, "d"),
        ];
        let w = timing_warnings("t.vtt", &cues);
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w[0].contains("t.vtt:10: cue 2 starts at 00:00:01.000 before cue 1"));
        assert!(w[1].contains("t.vtt:15: cue 3 (00:00:01.500) overlaps cue 2"));
        assert!(w[2].contains("t.vtt:40: cue 4 ends (00:00:03.500) before it starts"));
        let body = cues_to_body(&cues, &ImportOptions::default());
        for t in ["] A : a", "] b", "] c", "] d"] {
            assert!(body.contains(t), "{body}");
        }
    }

    #[test]
    fn body_without_speakers_splits_on_pauses() {
        let cue = |s, e, t: &str| Cue {
            start_ms: s,
            end_ms: e,
            speaker: None,
            text: t.into(),
            line: 0,
        };
        let cues = [
            cue(0, 1000, "a"),
            cue(3000, 4000, "b"),
            cue(6001, 7000, "c"),
        ];
        assert_eq!(
            cues_to_body(&cues, &ImportOptions::default()),
            "[00:00:00] a\n[00:00:03] b\n\n[00:00:06] c"
        );
    }

    #[test]
    fn empty_cues_are_named_by_line_and_the_others_keep_their_lines() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nUn\n\n\
                   00:00:03.000 --> 00:00:04.000\n<i> </i>\n\n\
                   00:00:05.000 --> 00:00:06.000\nDeux\n";
        let (cues, empty) = parse_vtt_with_empty("v.vtt", vtt).unwrap();
        assert_eq!(
            cues.iter()
                .map(|c| (c.line, c.text.as_str()))
                .collect::<Vec<_>>(),
            [(3, "Un"), (9, "Deux")]
        );
        assert_eq!(empty, [6]);
        assert_eq!(
            empty_cue_warnings("v.vtt", &empty),
            ["v.vtt:6: a cue with no text: skipped"]
        );
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nUn\n\n2\n00:00:03,000 --> 00:00:04,000\n\n\
                   3\n00:00:05,000 --> 00:00:06,000\nDeux\n";
        let (cues, empty) = parse_srt_with_empty("s.srt", srt).unwrap();
        assert_eq!(
            cues.iter()
                .map(|c| (c.line, c.text.as_str()))
                .collect::<Vec<_>>(),
            [(2, "Un"), (9, "Deux")]
        );
        assert_eq!(empty, [6]);
    }
}
