import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * `node --cpu-prof` for an engine process whose command line someone else owns (Node refuses
 * the flag in NODE_OPTIONS): with WANLAB_CPU_PROFILE_DIR set, the V8 profiler runs from start
 * to a graceful stop, and the profile lands in that folder (open it in Chrome DevTools).
 */
export const CPU_PROFILE_ENV = 'WANLAB_CPU_PROFILE_DIR';

export interface CpuProfile {
  /** Stops profiling and writes the profile; resolves to its path. */
  save(): Promise<string>;
}

export async function startCpuProfile(program: string): Promise<CpuProfile | undefined> {
  const dir = process.env[CPU_PROFILE_ENV];
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    save: async () => {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${program}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}
