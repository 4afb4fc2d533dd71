import { logLinesSince } from '../log-tail.js';

/** pino's level numbers: 50 is error, 60 fatal. */
const ERROR_LEVEL = 50;

/** wanlab logs pino JSON, one object a line; these are its error and fatal lines. */
export function pinoErrorLines(path: string, fromByte: number): string[] {
  return logLinesSince(path, fromByte).filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= ERROR_LEVEL;
    } catch {
      return false;
    }
  });
}
