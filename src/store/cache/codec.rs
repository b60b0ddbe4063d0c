//! The entry's encoding: little-endian fixed integers, LEB128 varints, length-prefixed
//! UTF-8 strings; every read is bounds-checked.

/// Little-endian fixed ints, LEB128 varints, length-prefixed strings.
#[derive(Default)]
pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    pub(super) fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    pub(super) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
        }
    }

    pub(super) fn time(&mut self, t: &jiff::Timestamp) {
        self.0.extend_from_slice(&t.as_second().to_le_bytes());
        self.uint(u64::from(t.subsec_nanosecond().unsigned_abs()));
        self.0.push(u8::from(t.subsec_nanosecond() < 0));
    }
}

/// Reads what [`Writer`] wrote; every read is bounds-checked (`None` past the end).
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, pos: 0 }
    }

    pub(super) fn done(&self) -> bool {
        self.pos == self.bytes.len()
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
        let n = usize::try_from(self.uint()?).ok()?;
        let bytes = self.bytes(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_string)
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
