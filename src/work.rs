//! A count of the steps taken by the searches and walks that hostile input once
//! made quadratic (the "did you mean" search, the quote hint, the cycle and
//! membership checks, the sub-issue walk), so tests can show that their work grows
//! linearly with the input without timing anything: a test runs the same input at
//! two sizes inside [`count`] and compares the counts.
//!
//! The counter is per thread, so tests running side by side do not disturb each
//! other; the loader runs these steps on the calling thread (only parsing is
//! spread over threads). Counting costs one thread-local addition per step.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Records `n` steps of work.
#[inline]
pub fn tick(n: u64) {
    STEPS.with(|s| s.set(s.get().wrapping_add(n)));
}

/// Runs `f` and returns its result with the steps it recorded on this thread.
pub fn count<R>(f: impl FnOnce() -> R) -> (R, u64) {
    let before = STEPS.with(Cell::get);
    let result = f();
    let after = STEPS.with(Cell::get);
    (result, after.wrapping_sub(before))
}
