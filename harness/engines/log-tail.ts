import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** The non-empty lines of a log file from byte `fromByte` on (what a process wrote since). */
export function logLinesSince(path: string, fromByte: number): string[] {
  if (!existsSync(path)) return [];
  const size = statSync(path).size;
  const buffer = Buffer.alloc(Math.max(0, size - fromByte));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, fromByte);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').split('\n').filter(Boolean);
}
