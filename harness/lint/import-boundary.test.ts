import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { projectRoot } from '../util/project-root.js';

/**
 * Import paths are assembled, so that this file's own text holds no import of the engine
 * (the grep below would find it).
 */
const up = (n: number, folder: string): string => `${'../'.repeat(n)}${folder}`;

/** The boundary rule's messages for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: projectRoot() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

test('the harness side may not import the engine, only the contract', async () => {
  const planted = `import { encodeFrame } from '${up(2, 'engine')}/net/frame-codec.js';\nexport const f = encodeFrame;\n`;
  for (const file of [
    'harness/client/planted.ts',
    'steps/support/planted.ts',
    'bench/sender/planted.ts',
  ]) {
    const errors = await boundaryErrors(file, planted);
    assert.equal(errors.length, 1, `${file}: ${errors.join('; ')}`);
    assert.match(errors[0]!, /only through contract\//);
  }
  const reexport = `export { SENDER_DEFAULTS } from '${up(2, 'engine')}/config/sender-schema.js';\n`;
  assert.equal((await boundaryErrors('harness/topology/planted.ts', reexport)).length, 1);
  const typeOnly = `import type { Member } from '${up(3, 'engine')}/member/member.js';\nexport type M = Member;\n`;
  assert.equal((await boundaryErrors('harness/engines/wanlab/planted.ts', typeOnly)).length, 1);
  assert.equal(
    (
      await boundaryErrors(
        'topologies/resolvers/planted.ts',
        `import type { WanConflict } from '${up(2, 'engine')}/conflict/x.js';\nexport type W = WanConflict;\n`,
      )
    ).length,
    1,
  );
  const allowed = `import type { SenderStatus } from '../../contract/index.js';\nimport { ENGINE_ENV } from '../engines/engine-choice.js';\nexport type S = SenderStatus;\nexport const e = ENGINE_ENV;\n`;
  assert.deepEqual(await boundaryErrors('harness/client/planted.ts', allowed), []);
});

test('the engine may not import the harness side', async () => {
  for (const target of ['harness/errors.js', 'steps/support/world.js', 'bench/stats.js']) {
    const planted = `import * as x from '${up(2, target)}';\nexport const y = x;\n`;
    const errors = await boundaryErrors('engine/member/planted.ts', planted);
    assert.equal(errors.length, 1, target);
    assert.match(errors[0]!, /knows nothing of the harness/);
  }
  const allowed = `import type { SenderStatus } from '../../contract/index.js';\nexport type S = SenderStatus;\n`;
  assert.deepEqual(await boundaryErrors('engine/member/planted.ts', allowed), []);
});

test('the contract imports neither the engine nor the harness', async () => {
  for (const target of ['engine/errors.js', 'harness/errors.js']) {
    const errors = await boundaryErrors(
      'contract/control-api/planted.ts',
      `import * as x from '${up(2, target)}';\nexport const y = x;\n`,
    );
    assert.equal(errors.length, 1, target);
  }
});

test('no file of the harness side imports the engine today (the grep of the issue)', () => {
  const grep = spawnSync(
    'grep',
    ['-rlE', `from ['"](\\.\\./)+engine/`, 'harness', 'steps', 'bench', 'topologies'],
    { cwd: projectRoot(), encoding: 'utf8' },
  );
  assert.equal(grep.stdout, '');
  assert.equal(grep.status, 1, 'grep found nothing (1), or failed (2)');
});
