import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { MemberClient } from '../../client/member-client.js';
import { newControlToken } from '../../util/control-token.js';
import { freePorts } from '../../util/ports.js';
import { eventually } from '../../util/wait.js';
import type { ProbeOutcome } from '../engine-driver.js';
import { wanlabCommand } from './launch.js';

/**
 * Starts one wanlab member process from a hand-written configuration with one sender, outside
 * any deployment, to see whether the engine accepts it: `started` once its control API
 * answers (then it is stopped), or `exited` with its code and output. The engine's own
 * validation, not the topology loader's. `dir` holds the probe's files and is removed
 * afterwards.
 */
export async function probeMember(
  sender: Record<string, unknown>,
  dir: string,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  mkdirSync(dir, { recursive: true });
  const [controlPort] = await freePorts(1);
  const configPath = join(dir, 'member.json');
  const token = newControlToken();
  const config = {
    name: 'probe',
    site: { name: 'probe-site', distributedSystemId: 1 },
    locators: ['127.0.0.1:9'],
    control: { host: '127.0.0.1', port: controlPort, token },
    dataDir: join(dir, 'data'),
    log: { file: join(dir, 'probe.log'), level: 'warn' },
    senders: [{ id: 'probe-sender', remoteDistributedSystemId: 2, ...sender }],
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const [program, ...args] = wanlabCommand('member', configPath).process;
  const child = execa(program!, args, { stdin: 'pipe', all: true, reject: false, cleanup: true });
  const client = new MemberClient(`http://127.0.0.1:${controlPort}`, token);
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
