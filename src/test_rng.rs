//! The pseudo-random numbers of the unit tests that try many generated inputs: xorshift64,
//! the same sequence in every run, no dependency.

/// The number after `x` (nonzero) in xorshift64's sequence.
pub(crate) fn next(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}
