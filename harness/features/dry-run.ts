import { Writable } from 'node:stream';
import {
  loadConfiguration,
  loadSupport,
  runCucumber,
  type IRunConfiguration,
  type IRunEnvironment,
  type ISupportCodeLibrary,
} from '@cucumber/cucumber/api';
import { projectRoot } from '../util/project-root.js';
import type { DryRunEnvelope } from './messages.js';

/**
 * Runs cucumber without executing any step (`--dry-run`), in this process, with the
 * project's configuration and the user's cucumber arguments, and returns its messages:
 * the features as parsed, the step definitions, and how every step matched. Writes no report
 * and prints nothing.
 */
export async function dryRun(args: readonly string[]): Promise<DryRunEnvelope[]> {
  const environment = {
    cwd: projectRoot(),
    stdout: silent(),
    stderr: silent(),
    env: process.env,
  };
  const { runConfiguration } = await loadConfiguration(
    { file: 'cucumber.mjs', provided: [...args] },
    environment,
  );
  const envelopes: DryRunEnvelope[] = [];
  await runCucumber(
    {
      ...runConfiguration,
      support: await supportLibrary(runConfiguration, environment),
      runtime: { ...runConfiguration.runtime, dryRun: true, parallel: 0, failFast: false },
      formats: { stdout: 'summary', files: {}, publish: false, options: {} },
    },
    environment,
    (envelope) => envelopes.push(envelope as DryRunEnvelope),
  );
  return envelopes;
}

/**
 * Step definitions register themselves when their module is first imported, and a module is
 * imported once per process: load them once and reuse the library for every later dry run.
 */
let library: Promise<ISupportCodeLibrary> | undefined;

function supportLibrary(
  configuration: IRunConfiguration,
  environment: IRunEnvironment,
): Promise<ISupportCodeLibrary> {
  library ??= loadSupport(configuration, environment);
  return library;
}

function silent(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/**
 * The feature paths a run with these arguments reads: those named on the command line (as
 * given, `file:line` included), or the configuration's default when none is.
 */
export async function sourcePaths(args: readonly string[]): Promise<string[]> {
  const { runConfiguration } = await loadConfiguration(
    { file: 'cucumber.mjs', provided: [...args] },
    { cwd: projectRoot(), stdout: silent(), stderr: silent(), env: process.env },
  );
  return runConfiguration.sources.paths;
}
