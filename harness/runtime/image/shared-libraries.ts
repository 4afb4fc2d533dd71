import { spawnSync } from 'node:child_process';
import { HarnessError } from '../../errors.js';

/**
 * Reads `ldd` output: the absolute paths of the shared libraries a binary loads, the dynamic
 * loader included. A static binary loads none. A library ldd cannot find is an error: the
 * image would start and die at once.
 */
export function parseLdd(output: string, binary: string): string[] {
  if (/not a dynamic executable|statically linked/.test(output)) return [];
  const paths: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const missing = /^(\S+) => not found/.exec(line);
    if (missing) {
      throw new HarnessError(
        'WANLAB_IMAGE_BUILD_FAILED',
        `${binary} needs ${missing[1]}, which this machine does not have`,
        'install the library (ldd shows what is missing), then build the images again',
      );
    }
    const linked = /=>\s+(\/\S+)/.exec(line) ?? /^(\/\S+)\s+\(0x/.exec(line);
    if (linked) paths.push(linked[1]!);
  }
  return paths;
}

/** The shared libraries `binary` loads, by running ldd on it. */
export function sharedLibraries(binary: string): string[] {
  const result = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (result.error) {
    throw new HarnessError(
      'WANLAB_TOOL_MISSING',
      `cannot run ldd to list the libraries of ${binary}: ${result.error.message}`,
      'install ldd (Debian: apt-get install libc-bin); it finds what node needs in a scratch image',
    );
  }
  return parseLdd(`${result.stdout}\n${result.stderr}`, binary);
}
