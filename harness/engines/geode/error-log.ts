import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** Geode's log lines start with `[level date time zone <thread> tid=..]`. */
const ERROR_LINE = /^\[(error|fatal|severe) /;

/** The error and fatal lines of a Geode log from byte `fromByte` on. */
export function geodeErrorLines(path: string, fromByte: number): string[] {
  if (!existsSync(path)) return [];
  const size = statSync(path).size;
  const buffer = Buffer.alloc(Math.max(0, size - fromByte));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, fromByte);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .filter((line) => ERROR_LINE.test(line));
}
