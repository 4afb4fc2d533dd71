/**
 * Limits that several declarations of the contract share. Node's timers fire at once when
 * asked to wait longer than 2^31-1 ms (they overflow), so a setting that ends up in a timer
 * stays below that.
 */
export const TIMER_LIMIT_MS = 2 ** 31 - 1;

/** Geode's Java `int`: the top of every integer setting Geode itself can take. */
export const JAVA_INT_MAX = 2 ** 31 - 1;

/** A client thread id (order policy `thread`). */
export const THREAD_ID_MAX = 2 ** 31 - 1;
