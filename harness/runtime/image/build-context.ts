import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** One entry of a Docker build context, by its path inside the context ("app/dist/x.js"). */
export type ContextEntry =
  | { kind: 'file'; path: string; source: string; mode: number }
  | { kind: 'content'; path: string; content: string; mode: number }
  | { kind: 'dir'; path: string; mode: number }
  | { kind: 'symlink'; path: string; target: string };

/**
 * The files under `sourceDir`, placed under `contextDir` in the context. `skip` sees each
 * path relative to `sourceDir` and drops what the image does not need.
 */
export function directoryEntries(
  sourceDir: string,
  contextDir: string,
  skip: (relativePath: string, isDirectory: boolean) => boolean = () => false,
): ContextEntry[] {
  const entries: ContextEntry[] = [];
  const walk = (relativeDir: string): void => {
    for (const dirent of readdirSync(join(sourceDir, relativeDir), { withFileTypes: true })) {
      const rel = relativeDir === '' ? dirent.name : `${relativeDir}/${dirent.name}`;
      const source = join(sourceDir, rel);
      const path = `${contextDir}/${rel}`;
      if (skip(rel, dirent.isDirectory())) continue;
      if (dirent.isSymbolicLink()) {
        entries.push({ kind: 'symlink', path, target: readlinkSync(source) });
      } else if (dirent.isDirectory()) {
        entries.push({ kind: 'dir', path, mode: lstatSync(source).mode & 0o7777 });
        walk(rel);
      } else if (dirent.isFile()) {
        entries.push({ kind: 'file', path, source, mode: statSync(source).mode & 0o7777 });
      }
    }
  };
  walk('');
  return entries;
}

/** A single host file at `path` in the context (a symlink is followed: its content is copied). */
export function fileEntry(path: string, source: string): ContextEntry {
  return { kind: 'file', path, source, mode: statSync(source).mode & 0o7777 };
}

const digestCache = new Map<string, string>();

/** sha256 of a file's content, remembered per (path, size, mtime) for the life of the process. */
function fileDigest(source: string): string {
  const stat = statSync(source);
  const key = `${source}\0${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
  const cached = digestCache.get(key);
  if (cached) return cached;
  const digest = createHash('sha256').update(readFileSync(source)).digest('hex');
  digestCache.set(key, digest);
  return digest;
}

/**
 * A digest of everything a build depends on: the Dockerfile, the build arguments and each
 * entry's path, mode and content. Same inputs, same digest, on any machine.
 */
export function contextDigest(
  entries: ContextEntry[],
  dockerfile: string,
  buildArgs: Record<string, string>,
): string {
  const hash = createHash('sha256');
  hash.update(`dockerfile\0${dockerfile}\0`);
  for (const key of Object.keys(buildArgs).sort()) hash.update(`arg\0${key}=${buildArgs[key]}\0`);
  for (const entry of [...entries].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(`${entry.kind}\0${entry.path}\0`);
    if (entry.kind === 'file') hash.update(`${entry.mode}\0${fileDigest(entry.source)}\0`);
    if (entry.kind === 'content') hash.update(`${entry.mode}\0${entry.content}\0`);
    if (entry.kind === 'dir') hash.update(`${entry.mode}\0`);
    if (entry.kind === 'symlink') hash.update(`${entry.target}\0`);
  }
  return hash.digest('hex');
}

/** Writes the entries under `root`; files are hard-linked when the file system allows it. */
export function writeContext(root: string, entries: ContextEntry[]): void {
  const dirModes: Array<[string, number]> = [];
  for (const entry of entries) {
    const target = join(root, entry.path);
    if (entry.kind === 'dir') {
      mkdirSync(target, { recursive: true });
      dirModes.push([target, entry.mode]);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (entry.kind === 'symlink') symlinkSync(entry.target, target);
    if (entry.kind === 'content') writeFileSync(target, entry.content, { mode: entry.mode });
    if (entry.kind === 'file') linkOrCopy(entry.source, target, entry.mode);
  }
  // mkdir honours the umask; the image must get the exact modes (/tmp is 1777).
  for (const [dir, mode] of dirModes) chmodSync(dir, mode);
}

function linkOrCopy(source: string, target: string, mode: number): void {
  // link() does not follow symlinks: link the file itself, never a link to it.
  const real = realpathSync(source);
  let linked = false;
  try {
    linkSync(real, target);
    linked = true;
  } catch {
    // another file system, or not allowed to link someone else's file: copy instead
  }
  if (linked && (statSync(target).mode & 0o7777) === mode) return;
  // never chmod or overwrite a hard link: that would change the host's own file
  if (linked) unlinkSync(target);
  copyFileSync(real, target);
  chmodSync(target, mode);
}
