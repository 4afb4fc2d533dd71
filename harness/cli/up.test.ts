import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../util/project-root.js';
import type { DeploymentInfo } from '../deployment/deployment-info.js';
import type { GatewayStatus } from '../status/gateway-status.js';
import { pidsWithCommandLine } from '../util/proc-scan.js';
import { eventually } from '../util/wait.js';

/** End-to-end tests of `wanlab up`: real processes, real toxiproxy-server. */
const wanlab = join(projectRoot(), 'bin', 'wanlab.js');
const twoSite = join(projectRoot(), 'topologies', 'two-site.yaml');

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startWanlab(args: string[]): Run {
  const child = spawn(process.execPath, [wanlab, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function upAndReady(): Promise<{ run: Run; runDir: string }> {
  const run = startWanlab(['up', twoSite]);
  await eventually(
    async () => run.output(),
    (text) => text.includes('Press Ctrl-C') || /error/.test(text),
    {
      timeoutMs: 30000,
      description: 'wanlab up to report the topology up',
    },
  );
  const match = /run folder: (\S+)/.exec(run.output());
  assert.ok(match, `no run folder in:\n${run.output()}`);
  return { run, runDir: join(projectRoot(), match[1]!.replace(/^.*\.wanlab/, '.wanlab')) };
}

async function noneLeft(marker: string): Promise<void> {
  await eventually(
    async () => pidsWithCommandLine(marker),
    (pids) => pids.length === 0,
    {
      timeoutMs: 15000,
      description: `no process of ${marker} to survive`,
    },
  );
}

function occupy(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

test('an invalid topology is rejected before anything starts, with file, line and field, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(
    file,
    'name: bad\nsites:\n  - name: a\n    id: 1\n    members: [m1]\n  - name: b\n    id: 1\n    members: [m2]\n',
  );
  const run = startWanlab(['up', file]);
  assert.equal(await run.exit, 2);
  assert.match(run.output(), /error WANLAB_TOPOLOGY_INVALID/);
  assert.match(
    run.output(),
    /bad\.yaml:7:5 sites\[1\]\.id: distributed-system-id 1 is already used/,
  );
  assert.doesNotMatch(run.output(), /\n\s+at /, 'no stack trace for a user mistake');
});

test('wanlab up --json prints the deployment as one JSON line, records it, and the URLs answer', async () => {
  const run = startWanlab(['up', twoSite, '--json']);
  let info: DeploymentInfo | undefined;
  try {
    const line = await eventually(
      async () =>
        run
          .output()
          .split('\n')
          .find((l) => l.startsWith('{')),
      (found) => found !== undefined || /error/.test(run.output()),
      { timeoutMs: 30000, description: 'wanlab up --json to print the deployment' },
    );
    assert.ok(line, run.output());
    info = JSON.parse(line) as DeploymentInfo;
    assert.equal(info.topology, 'two-site');
    assert.equal(info.pid, run.child.pid);
    assert.deepEqual(
      info.processes.filter((p) => p.role === 'member').map((p) => p.name),
      ['site1-m1', 'site2-m1'],
    );
    assert.ok(info.proxies.length >= 2, 'the link proxies are listed');
    const member = info.processes.find((p) => p.role === 'member')!;
    assert.equal((await fetch(`${member.controlUrl}/health`)).status, 200);
    assert.deepEqual(
      JSON.parse(readFileSync(join(info.runDir, 'deployment.json'), 'utf8')),
      info,
      'the run folder records what was printed',
    );
    statusOfRunningDeployment(info);
  } finally {
    run.child.kill('SIGINT');
  }
  assert.equal(await run.exit, 0);
  const gone = spawnSync(process.execPath, [wanlab, 'status', info!.runDir], { encoding: 'utf8' });
  assert.equal(gone.status, 1, gone.stderr);
  assert.match(gone.stderr, /WANLAB_NOT_RUNNING: .*is not running any more/);
});

/** `wanlab status <run folder>` of a running two-site deployment, as JSON and as tables. */
function statusOfRunningDeployment(info: DeploymentInfo): void {
  const status = (...args: string[]) =>
    spawnSync(process.execPath, [wanlab, 'status', info.runDir, ...args], { encoding: 'utf8' });
  const answer = status('--json');
  assert.equal(answer.status, 0, answer.stderr);
  const json = JSON.parse(answer.stdout) as GatewayStatus;
  assert.deepEqual(
    json.members.map((m) => [
      m.member,
      m.reachable,
      m.senders.map((x) => `${x.id} ${x.state} primary=${x.primary}`),
      m.receiver?.running,
    ]),
    [
      ['site1-m1', true, ['to-site2 running primary=true'], true],
      ['site2-m1', true, ['to-site1 running primary=true'], true],
    ],
  );
  const text = status();
  assert.equal(text.status, 0, text.stderr);
  assert.match(
    text.stdout,
    /GATEWAY SENDERS\nSITE\s+MEMBER\s+SENDER.*\nsite1\s+site1-m1\s+to-site2\s+2\s+serial\s+running/,
  );
  assert.match(text.stdout, /GATEWAY RECEIVERS\n.*\nsite1\s+site1-m1\s+running\s+\d+/);
}

test('a member that fails to start fails `wanlab up` with its log tail, and nothing is left running', async () => {
  const busy = await occupy();
  const port = (busy.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-'));
  const file = join(dir, 'busy.yaml');
  writeFileSync(
    file,
    `name: busy\nsites:\n  - name: a\n    id: 1\n    members: [a-m1]\n    receiver:\n      portRange: { start: ${port}, end: ${port} }\n  - name: b\n    id: 2\n    members: [b-m1]\n`,
  );
  try {
    const run = startWanlab(['up', file]);
    assert.equal(await run.exit, 1);
    assert.match(run.output(), /WANLAB_MEMBER_START_FAILED/);
    assert.match(run.output(), /member a-m1 of site a failed to start/);
    assert.match(run.output(), new RegExp(`WAN_ERR_PORT_RANGE_EXHAUSTED.*${port}-${port}`));
    const runDir = /configuration is at (\S+)\/config\//.exec(run.output())?.[1];
    assert.ok(runDir, 'the error names the configuration file');
    await noneLeft(runDir);
  } finally {
    busy.close();
  }
});

test('after SIGKILL of a member, stopping `wanlab up` leaves no process behind', async () => {
  const { run, runDir } = await upAndReady();
  const member = pidsWithCommandLine(join(runDir, 'config', 'site1-m1.json'));
  assert.equal(member.length, 1, 'the member process is found by its configuration file');
  process.kill(member[0]!, 'SIGKILL');
  run.child.kill('SIGINT');
  assert.equal(await run.exit, 0);
  await noneLeft(runDir);
});

test('even after SIGKILL of the harness itself, no engine or toxiproxy process survives', async () => {
  const { run, runDir } = await upAndReady();
  assert.ok(
    pidsWithCommandLine(runDir).length >= 4,
    'locators and members run with the run folder in their command line',
  );
  run.child.kill('SIGKILL');
  await run.exit;
  await noneLeft(runDir);
  await noneLeft(
    `-port ${/toxiproxy API: http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1] ?? 'none'}`,
  );
});

/** Every 127.0.0.1 port `wanlab up` printed: control APIs, proxies, the toxiproxy API. */
function printedPorts(output: string): number[] {
  return [...new Set([...output.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1])))];
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function nothingLeft(runDir: string, output: string): Promise<void> {
  await noneLeft(runDir);
  const ports = printedPorts(output);
  assert.ok(ports.length >= 5, `ports printed by wanlab up: ${ports.join(', ')}`);
  await eventually(
    async () =>
      (await Promise.all(ports.map(async (p) => ((await listening(p)) ? [p] : [])))).flat(),
    (open) => open.length === 0,
    { timeoutMs: 15000, description: 'no port wanlab up printed to be listening' },
  );
}

for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  test(`${signal} to the wanlab up process alone (not its group) stops everything it started`, async () => {
    const { run, runDir } = await upAndReady();
    assert.ok(pidsWithCommandLine(runDir).length >= 4, 'locators and members are running');
    process.kill(run.child.pid!, signal);
    assert.equal(await run.exit, 0);
    assert.match(run.output(), new RegExp(`stopping \\(${signal}\\)`));
    await nothingLeft(runDir, run.output());
  });
}

test('when the process that launched wanlab up dies, wanlab up stops everything it started', async () => {
  const log = join(mkdtempSync(join(tmpdir(), 'wanlab-')), 'up.log');
  // The launcher starts wanlab up in the background and is then killed alone, as a CI step
  // or a supervisor may be: wanlab up is re-parented and must notice.
  const launcher = spawn(
    'sh',
    [
      '-c',
      `"${process.execPath}" "${wanlab}" up "${twoSite}" > "${log}" 2>&1 & echo $!; exec sleep 600`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const upPid = await new Promise<number>((resolve) =>
    launcher.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  const output = await eventually(
    async () => readFileSync(log, 'utf8'),
    (text) => text.includes('Press Ctrl-C') || /error/.test(text),
    { timeoutMs: 30000, description: 'wanlab up to report the topology up' },
  );
  const runDir = join(
    projectRoot(),
    /run folder: (\S+)/.exec(output)![1]!.replace(/^.*\.wanlab/, '.wanlab'),
  );
  launcher.kill('SIGKILL');
  await eventually(
    async () => readFileSync(log, 'utf8'),
    (text) => /stopping \(its launcher \(pid \d+\) exited\)/.test(text),
    { timeoutMs: 15000, description: 'wanlab up to notice its launcher died' },
  );
  await eventually(
    async () => pidsWithCommandLine(wanlab).includes(upPid),
    (alive) => !alive,
    { timeoutMs: 15000, description: 'wanlab up to exit' },
  );
  await nothingLeft(runDir, output);
});
