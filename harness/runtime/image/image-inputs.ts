import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../../errors.js';
import { distDir, projectRoot } from '../../util/project-root.js';
import { findToxiproxyServer } from '../tools.js';
import { directoryEntries, fileEntry, type ContextEntry } from './build-context.js';
import { bareImports, packageClosure } from './package-closure.js';
import { sharedLibraries } from './shared-libraries.js';

export type ImageKind = 'engine' | 'toxiproxy';

/** Everything one image is built from; its digest names the image. */
export interface ImageInputs {
  kind: ImageKind;
  repository: string;
  dockerfile: string;
  buildArgs: Record<string, string>;
  entries: ContextEntry[];
}

export const SCRATCH = 'scratch';
/** Where the engine lives inside its image. */
export const ENGINE_APP_DIR = '/opt/wanlab';

const ALWAYS = [
  { kind: 'dir', path: 'base-runtime', mode: 0o755 },
  { kind: 'dir', path: 'runtime', mode: 0o755 },
  { kind: 'dir', path: 'app', mode: 0o755 },
] as const satisfies ContextEntry[];

function dockerfileText(kind: ImageKind): string {
  return readFileSync(join(projectRoot(), 'images', `${kind}.Dockerfile`), 'utf8');
}

function projectVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * What the image needs to run `binaries`. From scratch: the libraries each loads (per ldd) at
 * their own paths, and a world-writable /tmp. A base image brings its own, so its directory
 * holds only the note; the note is there in both cases because the legacy builder fails a
 * build whose COPY adds an empty layer ("failed to get layer ... layer does not exist").
 */
function runtimeEntries(baseImage: string, binaries: string[]): ContextEntry[] {
  if (baseImage !== SCRATCH) {
    return [note('base-runtime', `runtime: the base image ${baseImage}\n`)];
  }
  const libraries = [...new Set(binaries.flatMap(sharedLibraries))].sort();
  return [
    note('runtime', `runtime: this host's ${libraries.length} shared libraries (ldd)\n`),
    { kind: 'dir', path: 'runtime/tmp', mode: 0o1777 },
    ...libraries.map((library) => fileEntry(`runtime${library}`, library)),
  ];
}

function note(dir: string, content: string): ContextEntry {
  return { kind: 'content', path: `${dir}/etc/wanlab-runtime`, content, mode: 0o644 };
}

function buildArgs(baseImage: string): Record<string, string> {
  return {
    BASE_IMAGE: baseImage,
    RUNTIME_DIR: baseImage === SCRATCH ? 'runtime' : 'base-runtime',
  };
}

/** The compiled folders the engine runs from: itself and the contract it implements. */
export const ENGINE_DIST_FOLDERS = ['engine', 'contract'] as const;

/** Compiled engine and contract files; unit tests and their maps stay out of the image. */
function engineDistEntries(): ContextEntry[] {
  const engineDist = join(distDir(), 'engine');
  if (!existsSync(join(engineDist, 'member', 'main.js'))) {
    throw new HarnessError(
      'WANLAB_IMAGE_BUILD_FAILED',
      `the compiled engine is missing (${engineDist})`,
      'run `npm run build` first',
    );
  }
  return ENGINE_DIST_FOLDERS.flatMap((folder) =>
    directoryEntries(join(distDir(), folder), `app/dist/${folder}`, (rel) =>
      /\.test\.js(\.map)?$/.test(rel),
    ),
  );
}

function engineImports(entries: ContextEntry[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) {
    if (entry.kind !== 'file' || !entry.path.endsWith('.js')) continue;
    for (const name of bareImports(readFileSync(entry.source, 'utf8'))) names.add(name);
  }
  return [...names].sort();
}

/** Each package folder without its nested node_modules (those are packages of their own). */
function packageEntries(root: string, packageDirs: string[]): ContextEntry[] {
  return packageDirs.flatMap((dir) => [
    { kind: 'dir', path: `app/${dir}`, mode: 0o755 } satisfies ContextEntry,
    ...directoryEntries(
      join(root, dir),
      `app/${dir}`,
      (rel, isDirectory) => isDirectory && (rel === 'node_modules' || rel === '.bin'),
    ),
  ]);
}

function parentDirs(entries: ContextEntry[]): ContextEntry[] {
  const dirs = new Set<string>();
  for (const entry of entries) {
    const parts = entry.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const existing = new Set(entries.filter((e) => e.kind === 'dir').map((e) => e.path));
  return [...dirs]
    .filter((dir) => !existing.has(dir))
    .map((path) => ({ kind: 'dir', path, mode: 0o755 }));
}

function nativeAddons(entries: ContextEntry[]): string[] {
  return entries.flatMap((e) => (e.kind === 'file' && e.path.endsWith('.node') ? [e.source] : []));
}

/** The engine image: node, the compiled engine and only the packages it imports. */
export function engineImageInputs(baseImage: string): ImageInputs {
  const root = projectRoot();
  const dist = engineDistEntries();
  const packages = packageEntries(root, packageClosure(root, engineImports(dist)));
  const pkg = { name: 'wanlab-engine', version: projectVersion(), private: true, type: 'module' };
  const app: ContextEntry[] = [
    ...dist,
    ...packages,
    { kind: 'content', path: 'app/package.json', content: `${JSON.stringify(pkg)}\n`, mode: 0o644 },
  ];
  const runtime = [
    ...runtimeEntries(baseImage, [process.execPath, ...nativeAddons(packages)]),
    ...(baseImage === SCRATCH ? [fileEntry('runtime/usr/local/bin/node', process.execPath)] : []),
  ];
  const entries = [...ALWAYS, ...app, ...runtime];
  return {
    kind: 'engine',
    repository: 'wanlab/engine',
    dockerfile: dockerfileText('engine'),
    buildArgs: buildArgs(baseImage),
    entries: [...entries, ...parentDirs(entries)],
  };
}

/** The Toxiproxy image: the toxiproxy-server the process runtime uses, and nothing else. */
export function toxiproxyImageInputs(baseImage: string): ImageInputs {
  const binary = findToxiproxyServer();
  const entries: ContextEntry[] = [
    ...ALWAYS,
    fileEntry('app/toxiproxy-server', binary),
    ...runtimeEntries(baseImage, [binary]),
  ];
  return {
    kind: 'toxiproxy',
    repository: 'wanlab/toxiproxy',
    dockerfile: dockerfileText('toxiproxy'),
    buildArgs: buildArgs(baseImage),
    entries: [...entries, ...parentDirs(entries)],
  };
}

/** `<repository>:<project version>-<first 12 hex of the digest>` */
export function imageTag(inputs: ImageInputs, digest: string): string {
  return `${inputs.repository}:${projectVersion()}-${digest.slice(0, 12)}`;
}

/** Top-level names of the context, as the Docker build API wants them listed. */
export function contextRoots(inputs: ImageInputs): string[] {
  return [...new Set(inputs.entries.map((e) => e.path.split('/')[0]!))].sort();
}
