import { HarnessError } from '../errors.js';

/** "60s", "500ms", "2m" or a bare number of seconds, in ms. */
export function parseDurationMs(text: string, option: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `${option} "${text}" is not a duration`,
      `write it as e.g. ${option} 60s, ${option} 500ms or ${option} 2m`,
    );
  }
  const value = Number(match[1]);
  const ms = match[2] === 'ms' ? value : match[2] === 'm' ? value * 60000 : value * 1000;
  if (ms < 1000)
    throw new HarnessError(
      'WANLAB_USAGE',
      `${option} ${text} is under a second`,
      `give ${option} at least 1s`,
    );
  return Math.round(ms);
}
