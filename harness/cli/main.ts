import { isHarnessError } from '../errors.js';
import { runCli, type CliActions } from './program.js';

// Each command loads its modules (cucumber, testcontainers, the engines' drivers, the
// reports) only when called: a second of CPU that `check`, `status` or `up` would otherwise
// pay on every start (issue 19).
const actions: CliActions = {
  up: async (options) => (await import('./cmd-up.js')).runUp(options),
  test: async (args, options) => (await import('./cmd-test.js')).runTest(args, options),
  conformance: async (options) => (await import('./cmd-conformance.js')).runConformance(options),
  conformanceMatrix: async (engines, options) =>
    (await import('./cmd-matrix.js')).runConformanceMatrix(engines, options),
  matrix: async (files, outDir) => (await import('./cmd-matrix.js')).runMatrix(files, outDir),
  reportMerge: async (options) => (await import('./cmd-report-merge.js')).runReportMerge(options),
  images: async (options) => (await import('./cmd-images.js')).runImages(options),
  chaos: async (options) => (await import('./cmd-chaos.js')).runChaos(options),
  status: async (options) => (await import('./cmd-status.js')).runStatus(options),
  check: async (file) => (await import('./cmd-check.js')).runCheck(file),
  clean: async (keep) => (await import('./cmd-clean.js')).runClean(keep),
  analyze: async (runFolder) => (await import('./cmd-analyze.js')).runAnalyze(runFolder),
  mutate: async (options) => (await import('./cmd-mutate.js')).runMutate(options),
  wanCopy: async (options) => (await import('./cmd-wan-copy.js')).runWanCopy(options),
};

runCli(process.argv.slice(2), actions).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isHarnessError(error)) {
      process.stderr.write(`${error.format()}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(
      `wanlab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
