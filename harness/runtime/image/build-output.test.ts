import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBuildOutput } from './build-output.js';

const lines = (...messages: object[]): string => messages.map((m) => JSON.stringify(m)).join('\n');

test('a successful build gives the image id and the log', () => {
  const outcome = readBuildOutput(
    lines(
      { stream: 'Step 1/2 : FROM scratch\n' },
      { stream: ' ---> \n' },
      { stream: 'Step 2/2 : COPY app/ /opt/wanlab/\n' },
      { aux: { ID: 'sha256:abc' } },
      { stream: 'Successfully built abc\n' },
    ),
  );
  assert.equal(outcome.status, 'ok');
  assert.equal(outcome.status === 'ok' && outcome.imageId, 'sha256:abc');
});

test('a failed build names the step that failed and its error', () => {
  const outcome = readBuildOutput(
    lines(
      { stream: 'Step 1/3 : FROM scratch\n' },
      { stream: 'Step 2/3 : COPY runtime/ /\n' },
      {
        error: 'COPY failed: file not found',
        errorDetail: { message: 'COPY failed: file not found in build context: runtime' },
      },
    ),
  );
  assert.equal(outcome.status, 'fail');
  if (outcome.status !== 'fail') return;
  assert.equal(outcome.failedStep, 'Step 2/3 : COPY runtime/ /');
  assert.match(outcome.error, /file not found in build context: runtime/);
});

test('a stream that is not JSON is kept as log text', () => {
  const outcome = readBuildOutput('plain text\n');
  assert.deepEqual(outcome.log, ['plain text']);
});
