import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchCommand } from '../../runtime/runtime.js';
import { HarnessError } from '../../errors.js';
import { projectRoot } from '../../util/project-root.js';

/** The program scripts/setup-geode.sh builds. */
export function geodeJar(): string {
  return join(projectRoot(), 'tools', 'geode', 'wanlab-geode.jar');
}

export const JAVA_INSTALL_HINT =
  'install Java 17 and Maven (apt-get install -y openjdk-17-jdk-headless maven), then run `npm run setup -- --geode`';

/** Flags Geode 1.15 needs on Java 17, a heap fit for a small test site, one working folder. */
function jvmFlags(workDir: string): string[] {
  return [
    '-Xms64m',
    '-Xmx512m',
    '-XX:+UseSerialGC',
    // C1 only: a test site starts on less CPU (benchmarks may want C2 back).
    '-XX:TieredStopAtLevel=1',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-exports=java.management/com.sun.jmx.remote.security=ALL-UNNAMED',
    // Peer messaging (BufferPool) reaches sun.nio.ch.DirectBuffer: without it a member dies
    // with IllegalAccessError on its first message to another member of its site.
    '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
    `-Duser.dir=${workDir}`,
  ];
}

let checked = false;

/** Java on PATH and the built program, or an error saying how to get them. */
export function assertGeodeTools(): void {
  if (checked) return;
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) {
    throw new HarnessError(
      'WANLAB_TOOL_MISSING',
      'java is not installed; the geode engine runs Apache Geode 1.15.1 on Java 17',
      JAVA_INSTALL_HINT,
    );
  }
  if (!existsSync(geodeJar())) {
    throw new HarnessError(
      'WANLAB_TOOL_MISSING',
      `the Geode member program is not built (${geodeJar()} is missing)`,
      'run `npm run setup -- --geode` (needs Java 17 and Maven; builds once, then cached)',
    );
  }
  checked = true;
}

/**
 * How a Geode process runs: java on the program's jar with its file. As a child of the
 * harness it stops when its stdin closes. There is no Geode image for the container runtime.
 */
export function geodeCommand(configPath: string, workDir: string): LaunchCommand {
  return {
    process: [
      'java',
      ...jvmFlags(workDir),
      '-jar',
      geodeJar(),
      '--config',
      configPath,
      '--exit-when-stdin-closes',
    ],
    container: [],
    env: {},
  };
}
