import { isEngineError, type EngineErrorCode } from '../errors.js';
import { startCpuProfile } from './cpu-profile.js';

export interface Running {
  stop(): Promise<void>;
}

const STOP_DEADLINE_MS = 15000;

function usage(program: string): never {
  process.stderr.write(
    `usage: ${program} --config <file.json> [--exit-when-stdin-closes]\n` +
      '  --config                   the JSON configuration of this process\n' +
      '  --exit-when-stdin-closes   stop when the parent closes our stdin (supervisors use it\n' +
      '                             so that no process outlives them, even after a SIGKILL)\n',
  );
  process.exit(2);
}

function parseArgs(program: string): { configPath: string; watchStdin: boolean } {
  const args = process.argv.slice(2);
  const at = args.indexOf('--config');
  const configPath = at >= 0 ? args[at + 1] : undefined;
  if (!configPath) usage(program);
  return { configPath, watchStdin: args.includes('--exit-when-stdin-closes') };
}

/** Start failures caused by what the user wrote exit 2, like every other bad input. */
const USER_MISTAKES = new Set<EngineErrorCode>([
  'WAN_ERR_CONFIG_INVALID',
  'WAN_ERR_CONFIG_UNREADABLE',
  'WAN_ERR_RESOLVER_INVALID',
]);

function reportStartFailure(error: unknown): never {
  if (isEngineError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\nhint: ${error.hint}\n`);
    process.exit(USER_MISTAKES.has(error.code) ? 2 : 1);
  }
  process.stderr.write(
    `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

/**
 * Shared entry point of engine processes: load, start, then stop gracefully on SIGTERM or
 * SIGINT (Node as PID 1 in a container ignores SIGTERM without a handler) and, if asked,
 * when the parent goes away.
 */
export async function runProcess(
  program: string,
  start: (configPath: string) => Promise<Running>,
): Promise<void> {
  const { configPath, watchStdin } = parseArgs(program);
  const profile = await startCpuProfile(program);
  let running: Running;
  try {
    running = await start(configPath);
  } catch (error) {
    reportStartFailure(error);
  }
  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => process.exit(1), STOP_DEADLINE_MS);
    deadline.unref();
    process.stderr.write(`${program}: stopping (${reason})\n`);
    running
      .stop()
      .then(() => profile?.save())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (watchStdin) {
    process.stdin.on('end', () => shutdown('parent closed stdin'));
    process.stdin.on('error', () => shutdown('parent closed stdin'));
    process.stdin.resume();
  }
}
