import { connect, type Socket } from 'node:net';
import { receiverTarget } from './fuzz-targets.js';
import { rawFrame } from './raw-client.js';

/**
 * Issue 17's memory reproduction: six connections each send 40 MiB of a frame that declares
 * 60 MiB, and stop. Figures: memory before, while they are open, and after they closed.
 */
const CONNECTIONS = 6;
const SENT_BYTES = 40 * 1024 * 1024;
const DECLARED_BYTES = 60 * 1024 * 1024;

export interface HalfFrameFigures {
  phase: 'half-sent frames';
  connections: number;
  sentBytesEach: number;
  beforeBytes: number;
  whileOpenBytes: number;
  afterCloseBytes: number;
}

function memoryNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function sendHalf(address: { host: string; port: number }): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect(address, () => {
      socket.write(rawFrame(DECLARED_BYTES, Buffer.alloc(SENT_BYTES, 1)), () => resolve(socket));
    });
    socket.on('error', () => undefined);
  });
}

/** Waits until memory is within 8 MiB of `baseline`, or 3 s have passed. */
async function settle(baseline: number): Promise<void> {
  const deadline = performance.now() + 3000;
  while (memoryNow() > baseline + 8 * 1024 * 1024 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function halfSentFrames(): Promise<HalfFrameFigures> {
  const target = await receiverTarget();
  const beforeBytes = memoryNow();
  const sockets = await Promise.all(
    Array.from({ length: CONNECTIONS }, () => sendHalf(target.address)),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const whileOpenBytes = memoryNow();
  for (const socket of sockets) socket.destroy();
  await settle(beforeBytes);
  const afterCloseBytes = memoryNow();
  await target.stop();
  return {
    phase: 'half-sent frames',
    connections: CONNECTIONS,
    sentBytesEach: SENT_BYTES,
    beforeBytes,
    whileOpenBytes,
    afterCloseBytes,
  };
}
