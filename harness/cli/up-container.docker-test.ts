import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { MemberClient } from '../client/member-client.js';
import { connectDocker } from '../runtime/docker/connect-docker.js';
import { LABELS } from '../runtime/docker/container-labels.js';
import { projectRoot } from '../util/project-root.js';
import { eventually } from '../util/wait.js';

/** `wanlab up --runtime container` end to end: up, replicating, then Ctrl-C leaves nothing. */
const wanlab = join(projectRoot(), 'bin', 'wanlab.js');
const twoSite = join(projectRoot(), 'topologies', 'two-site.yaml');

async function containersOf(run: string): Promise<number> {
  const docker = (await connectDocker()).container.dockerode;
  const listed = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`${LABELS.run}=${run}`] }),
  });
  return listed.length;
}

test('wanlab up --runtime container runs two-site in containers and Ctrl-C removes them', async () => {
  const child = spawn(process.execPath, [wanlab, 'up', '--runtime', 'container', twoSite], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await eventually(
      async () => output,
      (text) => text.includes('Press Ctrl-C') || /error/.test(text),
      { timeoutMs: 120000, description: 'wanlab up to report the topology up' },
    );
    assert.match(output, /is up in \d+ ms \(engine wanlab \S+, runtime container,/);
    const run = basename(/run folder: (\S+)/.exec(output)![1]!);
    assert.equal(await containersOf(run), 5, 'two locators, two members, one toxiproxy');
    const urls = [...output.matchAll(/member\s+(site\d-m1)\s+(http:\S+)/g)].map((m) => m[2]!);
    const token = /control token: (\S+)/.exec(output)![1]!;
    const [site1, site2] = urls.map((url) => new MemberClient(url, token));
    await site1!.put('data', 'k', 'in-containers');
    await eventually(
      () => site2!.entry('data', 'k'),
      (entry) => entry?.value === 'in-containers',
      { timeoutMs: 30000, description: 'site 2 to get the put of site 1' },
    );
    child.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.equal(await containersOf(run), 0, 'no container is left after Ctrl-C');
  } finally {
    child.kill('SIGKILL');
  }
});
