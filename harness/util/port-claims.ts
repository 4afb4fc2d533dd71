import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports handed out to deployments, claimed across processes: one file per port under
 * WANLAB_PORT_CLAIMS_DIR (default <tmpdir>/wanlab-port-claims) holding the claiming process's
 * pid. Probing a port free and releasing it leaves a window in which another harness on the
 * machine (a test file run in parallel, `wanlab mutate` beside a suite) probes the same port;
 * two engines then race to bind it (seen: a locator's "EADDRINUSE" at start). A claim whose
 * process is gone is taken over, so nothing needs cleaning after a crash.
 */
export function claimsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.WANLAB_PORT_CLAIMS_DIR ?? join(tmpdir(), 'wanlab-port-claims');
}

const claimed = new Set<number>();
let releaseOnExit = false;

/** True when this process now holds the port's claim (or already held it). */
export function claimPort(port: number, dir = claimsDir()): boolean {
  if (claimed.has(port)) return true;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      claimed.add(port);
      watchExit(dir);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderAlive(file)) return false;
      removeQuietly(file);
    }
  }
  return false;
}

/** Gives back claims this process holds (a stopped deployment's ports). */
export function releasePorts(ports: readonly number[], dir = claimsDir()): void {
  for (const port of ports) {
    if (!claimed.delete(port)) continue;
    removeQuietly(join(dir, String(port)));
  }
}

function holderAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: another process took the stale claim over, or released it.
  }
}

function watchExit(dir: string): void {
  if (releaseOnExit) return;
  releaseOnExit = true;
  process.once('exit', () => releasePorts([...claimed], dir));
}
