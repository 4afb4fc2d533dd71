/**
 * The Runtime contract, checked on a real engine in both runtimes: start, freeze/thaw,
 * graceful stop (exit 0: the SIGTERM handler ran, also as PID 1 in a container), restart with
 * the same files, kill (also while frozen), logs, Toxiproxy, and no leftovers. Needs Docker:
 * run with `npm run test:docker` (`npm run test:containers` runs it with the container suite).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { MemberClient } from '../client/member-client.js';
import { sitePlanOf } from '../deployment/deployment.js';
import type { PreparedProcess } from '../engines/engine-driver.js';
import { wanlabDriver } from '../engines/wanlab/wanlab-driver.js';
import { loadTopology } from '../topology/load-topology.js';
import { freePorts, PortPool } from '../util/ports.js';
import { distDir, projectRoot } from '../util/project-root.js';
import { eventually, staysTrue } from '../util/wait.js';
import { connectDocker } from './docker/connect-docker.js';
import { LABELS } from './docker/container-labels.js';
import { runtimeFactory } from './runtime-choice.js';
import type { RunningProcess, RuntimeKind } from './runtime.js';
import { newControlToken } from '../util/control-token.js';

const DEADLINE_MS = 30000;

function count(file: string, text: string): number {
  return readFileSync(file, 'utf8').split(text).length - 1;
}

/** The engine logs "member started" just after its control API answers: wait for the line. */
async function logged(file: string, text: string, times: number): Promise<void> {
  await eventually(
    async () => count(file, text),
    (n) => n === times,
    { timeoutMs: DEADLINE_MS, description: `${times} × ${text} in ${file}` },
  );
}

async function healthy(client: MemberClient): Promise<void> {
  await eventually(
    () => client.health({ timeoutMs: 1000 }).then(() => true),
    (ok) => ok,
    { timeoutMs: DEADLINE_MS, pollMs: 50, description: `${client.baseUrl} to answer /health` },
  );
}

async function unanswered(client: MemberClient): Promise<boolean> {
  return client.health({ timeoutMs: 300 }).then(
    () => false,
    () => true,
  );
}

async function runContainers(run: string): Promise<string[]> {
  const docker = (await connectDocker()).container.dockerode;
  const listed = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`${LABELS.run}=${run}`] }),
  });
  return listed.map((c) => c.Names[0] ?? c.Id);
}

async function setUp(kind: RuntimeKind): Promise<{
  stateDir: string;
  runDir: string;
  locator: PreparedProcess;
  member: PreparedProcess;
  toxiproxyPort: number;
  token: string;
}> {
  const topology = loadTopology(join(projectRoot(), 'topologies', 'two-site.yaml'));
  const stateDir = mkdtempSync(join(tmpdir(), `wanlab-contract-${kind}-`));
  const runDir = join(stateDir, 'runs', `contract-${kind}-${process.pid}`);
  const plan = sitePlanOf(topology, newControlToken());
  const pool = new PortPool(await freePorts(1 + wanlabDriver.portCount(plan)));
  const toxiproxyPort = pool.next();
  const processes = wanlabDriver.prepare(plan, wanlabDriver.layout(plan, pool), runDir, 1234);
  const site1 = (role: string): PreparedProcess =>
    processes.find((p) => p.launch.siteName === 'site1' && p.launch.role === role)!;
  return {
    stateDir,
    runDir,
    locator: site1('locator'),
    member: site1('member'),
    toxiproxyPort,
    token: plan.controlToken,
  };
}

for (const kind of ['process', 'container'] as const) {
  test(`the ${kind} runtime keeps the runtime contract`, async (t) => {
    const { stateDir, runDir, locator, member, toxiproxyPort, token } = await setUp(kind);
    const runtime = runtimeFactory(kind)(stateDir, runDir);
    const { harnessHost } = await runtime.open();
    const client = new MemberClient(`http://${harnessHost}:${member.control.port}`, token);
    const spec = member.launch;
    let running: RunningProcess | undefined;
    try {
      await t.test('Toxiproxy answers on its API port', async () => {
        const toxiproxy = await runtime.startToxiproxy(toxiproxyPort, runDir);
        const version = await eventually(
          () => fetch(`${toxiproxy.apiUrl}/version`).then((r) => r.text()),
          (text) => text.includes('2.12.0'),
          { timeoutMs: DEADLINE_MS, description: 'toxiproxy /version' },
        );
        assert.match(version, /2\.12\.0/);
      });

      await t.test('start: the member answers and logs to its pino file', async () => {
        await runtime.launch(locator.launch);
        running = await runtime.launch(spec);
        await healthy(client);
        assert.equal((await client.health()).name, spec.name);
        await logged(spec.logFile, '"msg":"member started"', 1);
      });

      await t.test('freeze stops every answer until thaw', async () => {
        await running!.freeze();
        await staysTrue(() => unanswered(client), Boolean, {
          durationMs: 1500,
          pollMs: 100,
          description: 'a frozen member stays silent',
        });
        await running!.thaw();
        await healthy(client);
      });

      await t.test('stop is graceful: exit 0 after the SIGTERM handler ran', async () => {
        const exit = await running!.stop(10000);
        assert.deepEqual(exit, { code: 0, signal: null });
        assert.equal(running!.hasExited, true);
        assert.equal(count(spec.logFile, '"msg":"member stopped"'), 1);
        assert.match(readFileSync(spec.consoleFile, 'utf8'), /stopping \(SIGTERM\)/);
        assert.equal(await unanswered(client), true);
      });

      await t.test('restart uses the same files: one log, one data directory', async () => {
        writeFileSync(join(spec.dataDir, 'kept-across-restarts'), 'x');
        running = await runtime.launch(spec);
        await healthy(client);
        await logged(spec.logFile, '"msg":"member started"', 2);
        assert.equal(readFileSync(join(spec.dataDir, 'kept-across-restarts'), 'utf8'), 'x');
      });

      await t.test('kill works on a frozen member: SIGKILL, no graceful stop', async () => {
        await running!.freeze();
        const exit = await running!.kill();
        assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
        assert.equal(count(spec.logFile, '"msg":"member stopped"'), 1);
      });

      if (kind === 'container') {
        await t.test('close removes every container of the run', async () => {
          assert.notEqual((await runContainers(basename(runDir))).length, 0);
          await runtime.close();
          assert.deepEqual(await runContainers(basename(runDir)), []);
        });
      }
    } finally {
      await runtime.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
}

test('containers of a harness that died are removed by the next one', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'wanlab-orphans-'));
  const runDir = join(stateDir, 'runs', `orphans-${process.pid}`);
  const [port] = await freePorts(1);
  const runtimeModule = join(distDir(), 'harness', 'runtime', 'container-runtime.js');
  const script = `
    const { ContainerRuntime } = await import(${JSON.stringify(runtimeModule)});
    const runtime = new ContainerRuntime(${JSON.stringify(stateDir)}, ${JSON.stringify(runDir)});
    await runtime.open();
    await runtime.startToxiproxy(${port}, ${JSON.stringify(runDir)});
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`the child harness exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    assert.equal((await runContainers(basename(runDir))).length, 1, 'the orphan is left behind');
    const next = runtimeFactory('container')(stateDir, join(stateDir, 'runs', 'next'));
    await next.open();
    assert.deepEqual(await runContainers(basename(runDir)), [], 'the next harness removed it');
    await next.close();
  } finally {
    child.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  }
});
