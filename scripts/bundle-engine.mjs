#!/usr/bin/env node
// Bundles the compiled engine entry points (dist/engine/{member,locator}/main.js) into one file
// each under dist/bundle/, so that a member's start reads one module instead of hundreds: the
// resolving and linking of separate modules was a third of a member's start-up CPU (issue 19).
// The harness launches a bundle only while every input it was made from is older than it
// (dist/bundle/<role>.inputs.json); a newer dist/ (a rebuild, a mutant) runs from dist/ itself.
// Run after `tsc -b` (`npm run build` does both).
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Native addons and their loaders, and tsx (which loads plug-ins written in TypeScript with
// its own esbuild binary), resolve files next to themselves: they stay in node_modules.
const external = ['lmdb', 'msgpackr', 'msgpackr-extract', 'tsx'];

for (const role of ['member', 'locator']) {
  const outfile = join(dist, 'bundle', `${role}.mjs`);
  const result = await build({
    entryPoints: [join(dist, 'engine', role, 'main.js')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    external,
    logLevel: 'warning',
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: {
      js: "import { createRequire as __wanlabRequire } from 'node:module'; const require = __wanlabRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => join(root, input))
    .filter((path) => path.startsWith(`${dist}/`))
    .map((path) => relative(root, path));
  writeFileSync(
    join(dist, 'bundle', `${role}.inputs.json`),
    `${JSON.stringify({ bundle: relative(root, outfile), inputs }, null, 2)}\n`,
  );
}
