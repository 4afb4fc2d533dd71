import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import ToxiproxyModule from 'toxiproxy-node-client';
import { freePorts } from '../../harness/util/ports.js';
import { distDir } from '../../harness/util/project-root.js';

export interface CeilingResult {
  bytes: number;
  elapsedMs: number;
  mbPerS: number;
}

/** Starts the sink process and resolves with the port it listens on. */
function startSink(bytes: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [join(distDir(), 'bench', 'sender', 'tcp-sink.js'), '--bytes', String(bytes)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve({ child, port: Number(chunk.toString().trim()) }),
    );
  });
}

/** Writes `total` bytes in `chunkBytes` writes, honouring back-pressure; waits for the sink. */
function push(port: number, total: number, chunkBytes: number): Promise<number> {
  const chunk = Buffer.alloc(chunkBytes, 0x61);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    let startedMs = 0;
    let written = 0;
    const pump = (): void => {
      while (written < total) {
        const size = Math.min(chunkBytes, total - written);
        written += size;
        if (!socket.write(size === chunkBytes ? chunk : chunk.subarray(0, size))) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.once('connect', () => {
      startedMs = performance.now();
      pump();
    });
    socket.once('data', () => {
      resolve(performance.now() - startedMs);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/**
 * The ceiling: the same bytes a drain moves, pushed by a bare Node TCP client through a
 * proxy of the same toxiproxy-server to a bare sink process; no framing, no acks, no work.
 */
export async function measureCeiling(
  toxiproxyApiUrl: string,
  totalBytes: number,
  chunkBytes: number,
): Promise<CeilingResult> {
  const sink = await startSink(totalBytes);
  const toxiproxy = new ToxiproxyModule.Toxiproxy(toxiproxyApiUrl);
  const [listenPort] = await freePorts(1);
  const proxy = await toxiproxy.createProxy({
    name: `bench-ceiling-${listenPort}`,
    listen: `127.0.0.1:${listenPort}`,
    upstream: `127.0.0.1:${sink.port}`,
    enabled: true,
  });
  try {
    const elapsedMs = await push(listenPort!, totalBytes, chunkBytes);
    return { bytes: totalBytes, elapsedMs, mbPerS: totalBytes / 2 ** 20 / (elapsedMs / 1000) };
  } finally {
    await proxy.remove();
    sink.child.stdin!.end();
    sink.child.kill();
  }
}
