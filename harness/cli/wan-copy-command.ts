import type { Command } from 'commander';
import { HarnessError } from '../errors.js';
import type { WanCopyOptions } from './cmd-wan-copy.js';

interface WanCopyValues {
  region: string;
  sender: string;
  site?: string;
  member?: string;
  maxRate?: string;
  batchSize?: string;
  json?: boolean;
}

/** A whole number of an option, within what the control API takes. */
export function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = /^[0-9]{1,7}$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new HarnessError(
    'WANLAB_USAGE',
    `${option} must be a whole number from ${min} to ${max}, not "${text}"`,
    `e.g. ${option} ${Math.max(min, 100)}`,
  );
}

/** The options of `wanlab wan-copy`, checked; the control API checks the rest. */
export function wanCopyOptions(
  runFolder: string | undefined,
  values: WanCopyValues,
): WanCopyOptions {
  if ((values.site === undefined) === (values.member === undefined)) {
    throw new HarnessError(
      'WANLAB_USAGE',
      'wan-copy needs exactly one of --site and --member: where the copy runs',
      'e.g. wanlab wan-copy --region data --sender to-site3 --site 1',
    );
  }
  return {
    region: values.region,
    sender: values.sender,
    ...(values.site !== undefined ? { site: values.site } : {}),
    ...(values.member !== undefined ? { member: values.member } : {}),
    maxRatePerSecond:
      values.maxRate === undefined ? 0 : wholeNumber('--max-rate', values.maxRate, 0, 1_000_000),
    ...(values.batchSize !== undefined
      ? { batchSize: wholeNumber('--batch-size', values.batchSize, 1, 10000) }
      : {}),
    json: values.json ?? false,
    ...(runFolder !== undefined ? { runFolder } : {}),
  };
}

export function addWanCopy(
  program: Command,
  wanCopy: (options: WanCopyOptions) => Promise<number>,
  setCode: (code: number) => void,
): void {
  program
    .command('wan-copy')
    .summary("copy a region's existing entries to a sender's remote site")
    .description(
      "Copy the entries a region already holds to the remote site of one of its gateway senders, on a running `wanlab up`, as Geode's gfsh `wan-copy region` does: to bring a site that joined late up to date. Each entry keeps its version, so the remote site keeps what it holds that is newer. Prints the progress until the copy ends; Ctrl-C cancels it. Exit 0 when every entry was copied, 1 when the copy failed or was cancelled, 2 when it was refused.",
    )
    .argument('[run-folder]', 'the run folder of a `wanlab up` (default: the newest running)')
    .requiredOption('--region <name>', 'the region to copy')
    .requiredOption('--sender <id>', 'the sender whose remote site gets the entries')
    .option('--site <site>', 'the site (name or id) whose first member copies')
    .option('--member <name>', 'the member that copies (instead of --site)')
    .option('--max-rate <n>', 'most entries per second (default 0: no limit)')
    .option('--batch-size <n>', 'entries per batch (default 1000)')
    .option('--json', 'print only the final status, as one JSON line')
    .action(async (runFolder: string | undefined, values: WanCopyValues) =>
      setCode(await wanCopy(wanCopyOptions(runFolder, values))),
    );
}
