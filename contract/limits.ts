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

/**
 * A clock offset, either way, in ms (about 31 years): enough for any skew a test means, and
 * far inside the integers a double holds exactly once added to the wall clock.
 */
export const CLOCK_OFFSET_LIMIT_MS = 10 ** 12;

/** Ports below this are privileged (only root binds them on Linux). */
export const UNPRIVILEGED_PORT_MIN = 1024;
export const PORT_MAX = 65535;

/**
 * A sender pings an idle receiver connection every 10 s; a receiver that waited less between
 * pings would close healthy idle connections (Geode's `maximum-time-between-pings` is 60000).
 */
export const RECEIVER_PING_WAIT_MIN_MS = 10_000;

/**
 * A receiver frame, in bytes: at least 4 KiB (a hello, an ack and a small batch fit); at most
 * 1 GiB (a Node buffer, in memory). A receiver tells its limit in its welcome and a sender
 * halves a batch until it fits (sender/frame-fit.ts); an event larger than the frame is set
 * aside and counted, so a small frame bounds the largest value a site receives, never the
 * flow.
 */
export const FRAME_BYTES_MIN = 4096;
export const FRAME_BYTES_MAX = 2 ** 30;

/** The harness timers of a site (heartbeats, member timeout, locator exchange), in ms. */
export const SITE_TIMER_MIN_MS = 10;
export const SITE_TIMER_MAX_MS = 3_600_000;

/**
 * Gateway senders one member may host: Geode's limit (ThreadIdentifier keeps a sender's
 * index in 7 bits; its 129th sender throws IllegalStateException).
 */
export const SENDERS_PER_MEMBER_MAX = 128;
