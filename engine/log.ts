import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { destination, pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LogOptions {
  /** One file per member; pino JSON lines, readable with pino-pretty. Absent: stderr. */
  file?: string;
  level: string;
  name: string;
  site: string;
}

export function createLogger(options: LogOptions): Logger {
  const base = { member: options.name, site: options.site };
  if (!options.file) return pino({ level: options.level, base }, destination(2));
  mkdirSync(dirname(options.file), { recursive: true });
  // sync writes: a member killed with SIGKILL must still leave its last lines for the harness.
  const dest = destination({ dest: options.file, sync: true, mkdir: true });
  return pino({ level: options.level, base }, dest);
}
