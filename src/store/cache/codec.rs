//! The entry's encoding: little-endian fixed integers, LEB128 varints, strings by length;
//! every read is bounds-checked.
//!
//! A section ([`Writer::finish`]) is `[length of the numbers: u64][numbers][text]`: the
//! strings' bytes go one after the other into the text part, which is checked to be UTF-8
//! once per section rather than once per string.

/// Writes a section: numbers and tags, and the strings' bytes apart.
#[derive(Default)]
pub(super) struct Writer {
    numbers: Vec<u8>,
    text: Vec<u8>,
}

impl Writer {
    pub(super) fn byte(&mut self, b: u8) {
        self.numbers.push(b);
    }

    pub(super) fn raw(&mut self, bytes: &[u8]) {
        self.numbers.extend_from_slice(bytes);
    }

    pub(super) fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.numbers.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.numbers.push(v as u8);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.text.extend_from_slice(s.as_bytes());
    }

    pub(super) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                self.byte(1);
                self.str(s);
            }
        }
    }

    pub(super) fn time(&mut self, t: &jiff::Timestamp) {
        self.raw(&t.as_second().to_le_bytes());
        self.uint(u64::from(t.subsec_nanosecond().unsigned_abs()));
        self.byte(u8::from(t.subsec_nanosecond() < 0));
    }

    /// The section's bytes.
    pub(super) fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.numbers.len() + self.text.len());
        out.extend_from_slice(&(self.numbers.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.numbers);
        out.extend_from_slice(&self.text);
        out
    }
}

/// Reads what [`Writer`] wrote (or, with [`Reader::plain`], fixed fields alone); `None`
/// past the end or on a string that does not fit the text.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    text: &'a str,
    text_pos: usize,
}

impl<'a> Reader<'a> {
    /// Bytes with no text part.
    pub(super) fn plain(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            text: "",
            text_pos: 0,
        }
    }

    /// A section written by [`Writer::finish`]; `None` if its text is not UTF-8.
    pub(super) fn section(bytes: &'a [u8]) -> Option<Self> {
        let len = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
        let end = len.checked_add(8)?;
        let numbers = bytes.get(8..end)?;
        let text = simdutf8::basic::from_utf8(bytes.get(end..)?).ok()?;
        Some(Self {
            bytes: numbers,
            pos: 0,
            text,
            text_pos: 0,
        })
    }

    /// Whether every number and every string was read.
    pub(super) fn done(&self) -> bool {
        self.pos == self.bytes.len() && self.text_pos == self.text.len()
    }

    pub(super) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    pub(super) fn byte(&mut self) -> Option<u8> {
        self.bytes(1)?.first().copied()
    }

    pub(super) fn fixed_u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    pub(super) fn fixed_u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.bytes(8)?.try_into().ok()?))
    }

    pub(super) fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A count of items that each take at least one byte (so a damaged count cannot make
    /// a reader reserve more than the entry holds).
    pub(super) fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.uint()?).ok()?;
        (n <= self.bytes.len().saturating_sub(self.pos)).then_some(n)
    }

    pub(super) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    /// Steps over a string, checked as [`Reader::string`] checks it, without copying it.
    pub(super) fn skip_string(&mut self) -> Option<()> {
        self.str().map(drop)
    }

    /// The next string, borrowed from the text part.
    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.uint()?).ok()?;
        let end = self.text_pos.checked_add(n)?;
        // `get` refuses a range that does not fall on character boundaries.
        let s = self.text.get(self.text_pos..end)?;
        self.text_pos = end;
        Some(s)
    }

    pub(super) fn opt_string(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(self.string()?)),
            _ => None,
        }
    }

    pub(super) fn time(&mut self) -> Option<jiff::Timestamp> {
        let secs = i64::from_le_bytes(self.bytes(8)?.try_into().ok()?);
        let nanos = i32::try_from(self.uint()?).ok()?;
        let nanos = if self.byte()? == 1 { -nanos } else { nanos };
        jiff::Timestamp::new(secs, nanos).ok()
    }
}
