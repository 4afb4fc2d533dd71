import { existsSync, readFileSync } from 'node:fs';

/** The last `lines` lines of a file, or a note that it does not exist. */
export function tailFile(path: string, lines: number): string {
  if (!existsSync(path)) return `(no ${path})`;
  const all = readFileSync(path, 'utf8').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
