import { logLinesSince } from '../log-tail.js';

/** Geode's log lines start with `[level date time zone <thread> tid=..]`. */
const ERROR_LINE = /^\[(error|fatal|severe) /;

/** The error and fatal lines of a Geode log from byte `fromByte` on. */
export function geodeErrorLines(path: string, fromByte: number): string[] {
  return logLinesSince(path, fromByte).filter((line) => ERROR_LINE.test(line));
}
