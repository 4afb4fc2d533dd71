import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every process the harness starts is listed in `.wanlab/processes/<harness pid>-<n>.ndjson`,
 * one file per runtime (a harness may run several deployments at once).
 * If a harness dies without cleaning up (SIGKILL, a crash, a frozen child that could not see
 * its stdin close), the next harness kills what is left before it starts anything.
 */
let registries = 0;

interface Entry {
  pid: number;
  name: string;
  marker: string;
}

export class ProcessRegistry {
  readonly #file: string;
  readonly #marker: string;

  constructor(stateDir: string, marker: string) {
    const dir = join(stateDir, 'processes');
    mkdirSync(dir, { recursive: true });
    this.#file = join(dir, `${process.pid}-${++registries}.ndjson`);
    this.#marker = marker;
  }

  add(pid: number, name: string): void {
    appendFileSync(
      this.#file,
      `${JSON.stringify({ pid, name, marker: this.#marker } satisfies Entry)}\n`,
    );
  }

  /** Removes this harness's list (call after everything is down). */
  forget(): void {
    rmSync(this.#file, { force: true });
  }

  /** Kills leftovers of harnesses that are no longer alive; returns what was killed. */
  static reapOrphans(stateDir: string): string[] {
    const dir = join(stateDir, 'processes');
    if (!existsSync(dir)) return [];
    const killed: string[] = [];
    for (const file of readdirSync(dir)) {
      const owner = Number(file.replace(/(-[0-9]+)?\.ndjson$/, ''));
      if (!Number.isInteger(owner) || isAlive(owner)) continue;
      for (const entry of readEntries(join(dir, file))) {
        if (isAlive(entry.pid) && commandLineHas(entry.pid, entry.marker)) {
          process.kill(entry.pid, 'SIGKILL');
          killed.push(`${entry.name} (pid ${entry.pid})`);
        }
      }
      rmSync(join(dir, file), { force: true });
    }
    return killed;
  }
}

function readEntries(file: string): Entry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Entry];
      } catch {
        return [];
      }
    });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against killing an unrelated process that reused a pid. */
function commandLineHas(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
}
