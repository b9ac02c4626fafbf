//! Large read-only tables (the language identifier's automaton and feature weights, tens
//! of megabytes; the vocabulary's index) laid out in huge pages where the kernel offers them on request
//! (`transparent_hugepage` = madvise): a lookup that misses the cache then also misses
//! the TLB, and in a virtual machine each TLB miss is a walk of two page tables.

/// `items` collected into a vector whose pages the kernel is asked to back with huge
/// pages before they are first written (a hint: without it the vector is the same).
pub fn collect<T, I>(items: I) -> Vec<T>
where
    I: ExactSizeIterator<Item = T>,
{
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    advise(
        out.as_mut_ptr() as *mut u8,
        out.capacity() * std::mem::size_of::<T>(),
    );
    out.extend(items);
    out
}

/// A hint that the `len` bytes at `start` will be read at random: huge pages please.
fn advise(start: *mut u8, len: usize) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let from = (start as usize).div_ceil(PAGE) * PAGE;
        let to = (start as usize + len) / PAGE * PAGE;
        if to > from {
            // SAFETY: madvise only advises on pages of this vector's own allocation (the
            // whole pages inside it); MADV_HUGEPAGE changes no contents, and an error (a
            // kernel without transparent huge pages) is ignored: it is only a hint.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (start, len);
}

#[cfg(test)]
mod tests {
    #[test]
    fn collects_every_item_in_order() {
        let v = super::collect((0..1_000_000u32).map(|x| x * 3));
        assert_eq!(v.len(), 1_000_000);
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as u32 * 3));
        assert!(super::collect(std::iter::empty::<u8>()).is_empty());
    }
}
