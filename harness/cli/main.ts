import { isHarnessError } from '../errors.js';
import { runAnalyze } from './cmd-analyze.js';
import { runChaos } from './cmd-chaos.js';
import { runCheck } from './cmd-check.js';
import { runClean } from './cmd-clean.js';
import { runConformance } from './cmd-conformance.js';
import { runConformanceMatrix, runMatrix } from './cmd-matrix.js';
import { runImages } from './cmd-images.js';
import { runMutate } from './cmd-mutate.js';
import { runStatus } from './cmd-status.js';
import { runReportMerge } from './cmd-report-merge.js';
import { runTest } from './cmd-test.js';
import { runUp } from './cmd-up.js';
import { runWanCopy } from './cmd-wan-copy.js';
import { runCli, type CliActions } from './program.js';

const actions: CliActions = {
  up: runUp,
  test: runTest,
  conformance: runConformance,
  conformanceMatrix: runConformanceMatrix,
  matrix: runMatrix,
  reportMerge: runReportMerge,
  images: runImages,
  chaos: runChaos,
  status: runStatus,
  check: runCheck,
  clean: (keep) => runClean(keep),
  analyze: runAnalyze,
  mutate: runMutate,
  wanCopy: runWanCopy,
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
