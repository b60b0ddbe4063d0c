//! A small XML writer over quick-xml for the exports: escaping is quick-xml's,
//! characters XML 1.0 cannot hold are removed with a warning.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::model::Guid;
use super::{Warning, WarningKind};

/// A small XML writer over quick-xml that also cleans strings XML cannot hold.
pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
    pub(crate) warnings: Vec<Warning>,
}

impl Xml {
    pub(crate) fn new() -> Xml {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        // Writing into a Vec cannot fail.
        let _ = w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        Xml {
            w,
            warnings: Vec::new(),
        }
    }

    /// Drops characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/F).
    fn clean<'a>(&mut self, s: &'a str) -> Cow<'a, str> {
        let bad = |c: char| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
        };
        if !s.chars().any(bad) {
            return Cow::Borrowed(s);
        }
        self.warnings.push(Warning::new(
            WarningKind::DataLoss,
            None,
            format!("control characters removed from {s:?}: XML cannot carry them"),
        ));
        Cow::Owned(s.chars().filter(|&c| !bad(c)).collect())
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, String)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            let v = self.clean(v).into_owned();
            start.push_attribute((*k, v.as_str()));
        }
        start
    }

    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, String)]) {
        let t = self.tag(name, attrs);
        let _ = self.w.write_event(Event::Start(t));
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, String)]) {
        let t = self.tag(name, attrs);
        let _ = self.w.write_event(Event::Empty(t));
    }

    pub(crate) fn end(&mut self, name: &str) {
        let _ = self
            .w
            .write_event(Event::End(BytesEnd::new(name.to_string())));
    }

    pub(crate) fn text_el(&mut self, name: &str, text: &str) {
        let text = self.clean(text).into_owned();
        let _ = self.w.write_event(Event::Start(BytesStart::new(name)));
        let _ = self.w.write_event(Event::Text(BytesText::new(&text)));
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    pub(crate) fn refs(&mut self, element: &str, refs: &[Guid]) {
        for g in refs {
            self.empty(element, &[("targetGUID", g.to_string())]);
        }
    }

    pub(crate) fn finish(&mut self) -> String {
        let bytes = std::mem::take(self.w.get_mut());
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// `xsd:dateTime` in UTC, whole seconds.
pub(crate) fn date(ts: &jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Adds an attribute when the value is present.
pub(crate) fn push_opt(
    attrs: &mut Vec<(&'static str, String)>,
    key: &'static str,
    v: Option<String>,
) {
    if let Some(v) = v {
        attrs.push((key, v));
    }
}
