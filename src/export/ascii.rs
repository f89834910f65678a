//! Byte-level helpers of the hand-written writers (GraphML, GEXF, JSON-LD, the state file):
//! testing eight bytes at once for ones that need escaping, and integers in decimal without
//! `core::fmt`.

/// Eight copies of byte 1, and of the high bit.
pub(crate) const ONES: u64 = u64::from_ne_bytes([1; 8]);
pub(crate) const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Whether a byte of `w` is below `n` (at most 128): exact, as in Hacker's Delight.
pub(crate) fn has_byte_below(w: u64, n: u8) -> bool {
    w.wrapping_sub(ONES * u64::from(n)) & !w & HIGHS != 0
}

/// Whether a byte of `w` equals `b`.
pub(crate) fn has_byte(w: u64, b: u8) -> bool {
    has_byte_below(w ^ (ONES * u64::from(b)), 1)
}

/// An integer in decimal, formatted on the stack.
pub(crate) struct Integer {
    buf: [u8; 20],
    start: usize,
}

impl Integer {
    pub(crate) fn new(mut n: usize) -> Self {
        let mut buf = [0u8; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Integer { buf, start }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits were written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("0")
    }
}
