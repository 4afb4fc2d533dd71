import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** pino's level numbers: 50 is error, 60 fatal. */
const ERROR_LEVEL = 50;

/** The lines of a file from byte `fromByte` on. */
function linesSince(path: string, fromByte: number): string[] {
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

/** wanlab logs pino JSON, one object a line; these are its error and fatal lines. */
export function pinoErrorLines(path: string, fromByte: number): string[] {
  return linesSince(path, fromByte).filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= ERROR_LEVEL;
    } catch {
      return false;
    }
  });
}
