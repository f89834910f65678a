//! The documents that mention a key, packed: interned ids as variable-length deltas, about one
//! byte each in a build (whose ids come in ascending order) instead of four. The lists are the
//! one part of the resolver that grows with (keys × documents).

/// Interned document ids in order of sight, consecutive repeats dropped.
#[derive(Debug, Default, Clone)]
pub(super) struct DocList {
    /// Each id as the zigzag LEB128 of its difference from the one before (the first from 0).
    bytes: Vec<u8>,
    last: Option<u32>,
    len: usize,
    /// Whether every id is greater than the one before.
    ascending: bool,
}

impl DocList {
    /// Appends `doc` unless it is the last one.
    pub(super) fn push(&mut self, doc: u32) {
        if self.last == Some(doc) {
            return;
        }
        self.append(doc);
    }

    fn append(&mut self, doc: u32) {
        let before = self.last.map_or(0, i64::from);
        self.ascending = self.last.is_none_or(|l| doc > l) && (self.ascending || self.len == 0);
        let delta = i64::from(doc) - before;
        let mut z = ((delta << 1) ^ (delta >> 63)) as u64;
        loop {
            let byte = (z & 0x7f) as u8;
            z >>= 7;
            if z == 0 {
                self.bytes.push(byte);
                break;
            }
            self.bytes.push(byte | 0x80);
        }
        self.last = Some(doc);
        self.len += 1;
    }

    /// The ids in order.
    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut prev = 0i64;
        std::iter::from_fn(move || {
            let mut z = 0u64;
            let mut shift = 0;
            loop {
                let byte = *self.bytes.get(at)?;
                at += 1;
                z |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            let delta = ((z >> 1) as i64) ^ -((z & 1) as i64);
            prev += delta;
            u32::try_from(prev).ok()
        })
    }

    /// Appends the ids of `other` in order, repeats included (as a concatenation would).
    pub(super) fn extend(&mut self, other: &DocList) {
        for doc in other.iter() {
            self.append(doc);
        }
    }

    /// The number of distinct ids.
    pub(super) fn distinct(&self) -> usize {
        if self.ascending || self.len <= 1 {
            return self.len;
        }
        let mut d: Vec<u32> = self.iter().collect();
        d.sort_unstable();
        d.dedup();
        d.len()
    }
}

#[cfg(test)]
mod tests {
    use super::DocList;

    fn list(ids: &[u32]) -> DocList {
        let mut l = DocList::default();
        for &i in ids {
            l.push(i);
        }
        l
    }

    #[test]
    fn ids_read_back_in_order_without_consecutive_repeats() {
        let ids = [0, 5, 5, 300, 2, u32::MAX, 0, 70_000, 70_000, 1];
        assert_eq!(list(&ids).iter().collect::<Vec<_>>(), [0, 5, 300, 2, u32::MAX, 0, 70_000, 1]);
        assert_eq!(list(&[3, 4, 200]).bytes.len(), 4, "a byte per small step");
    }

    #[test]
    fn distinct_counts_as_sort_and_dedup() {
        for ids in [&[][..], &[7], &[1, 2, 3], &[3, 1, 3, 2], &[9, 9, 9], &[0, u32::MAX, 0]] {
            let mut want = ids.to_vec();
            want.sort_unstable();
            want.dedup();
            assert_eq!(list(ids).distinct(), want.len(), "{ids:?}");
        }
        let mut a = list(&[1, 4, 9]);
        a.extend(&list(&[2, 4, 10]));
        assert_eq!(a.distinct(), 5);
        let mut b = list(&[1, 2]);
        b.extend(&list(&[3, 8]));
        assert!(b.ascending);
        assert_eq!(b.distinct(), 4);
    }
}
