//! The pseudo-random numbers of the unit tests that try many generated inputs: xorshift64,
//! the same sequence in every run, no dependency.

/// The number after `x` (nonzero) in xorshift64's sequence.
pub(crate) fn next(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

/// `count` generated strings: the n-th (from 0) is `n % max_len` pieces, each `piece(x)` for
/// the next number `x` of the sequence from `seed`.
pub(crate) fn strings<'a>(
    seed: u64,
    count: usize,
    max_len: usize,
    mut piece: impl FnMut(u64) -> &'a str,
) -> Vec<String> {
    let mut x = seed;
    (0..count)
        .map(|n| {
            let mut s = String::new();
            for _ in 0..n % max_len {
                x = next(x);
                s.push_str(piece(x));
            }
            s
        })
        .collect()
}
