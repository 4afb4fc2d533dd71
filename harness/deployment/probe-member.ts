import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { MemberClient } from '../client/member-client.js';
import { distDir } from '../util/project-root.js';
import { freePorts } from '../util/ports.js';
import { eventually } from '../util/wait.js';

export type ProbeOutcome =
  { kind: 'started' } | { kind: 'exited'; code: number | null; output: string };

/**
 * Starts one member process from a hand-written configuration, outside any deployment, to
 * see whether the engine accepts it: `started` once its control API answers (then it is
 * stopped), or `exited` with its code and output. The engine's own validation, not the
 * topology loader's. `dir` holds the probe's files and is removed afterwards.
 */
export async function probeMember(
  dir: string,
  config: (controlPort: number) => Record<string, unknown>,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  mkdirSync(dir, { recursive: true });
  const [controlPort] = await freePorts(1);
  const configPath = join(dir, 'member.json');
  writeFileSync(configPath, JSON.stringify(config(controlPort!), null, 2));
  const child = execa(
    process.execPath,
    [
      join(distDir(), 'engine', 'member', 'main.js'),
      '--config',
      configPath,
      '--exit-when-stdin-closes',
    ],
    { stdin: 'pipe', all: true, reject: false, cleanup: true },
  );
  const client = new MemberClient(`http://127.0.0.1:${controlPort}`);
  let exited = false;
  void child.then(() => (exited = true));
  try {
    const status = await eventually(
      async () => (exited ? 'exited' : (await client.health({ timeoutMs: 500 })).status),
      () => true,
      { timeoutMs, pollMs: 50, description: 'the member to start or exit' },
    );
    if (status !== 'exited') return { kind: 'started' };
    const result = await child;
    return { kind: 'exited', code: result.exitCode ?? null, output: String(result.all ?? '') };
  } finally {
    child.kill('SIGKILL');
    await child;
    rmSync(dir, { recursive: true, force: true });
  }
}
