import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { parseTopology } from './load-topology.js';
import { TopologyError } from './topology-error.js';

/** A topology whose sites send region `data` along the given directed edges. */
function topology(edges: Array<[number, number]>, sites = 3, extraSenders = ''): string {
  const spec = {
    name: 'paths',
    sites: Array.from({ length: sites }, (_, i) => {
      const id = i + 1;
      const senders = edges.filter(([from]) => from === id).map(([, to]) => `to-${to}`);
      return {
        name: `s${id}`,
        id,
        members: [`m${id}`],
        regions: [{ name: 'data', senders }],
        senders: senders.map((sender) => ({ id: sender, remoteSite: Number(sender.slice(3)) })),
      };
    }),
  };
  return stringify(spec) + extraSenders;
}

function problems(text: string): TopologyError | undefined {
  try {
    parseTopology(text, 'paths.yaml');
    return undefined;
  } catch (error) {
    if (error instanceof TopologyError) return error;
    throw error;
  }
}

const mesh: Array<[number, number]> = [
  [1, 2],
  [1, 3],
  [2, 1],
  [2, 3],
  [3, 1],
  [3, 2],
];

test('a full mesh, a ring and a hub and spoke are supported', () => {
  assert.equal(problems(topology(mesh)), undefined);
  assert.equal(
    problems(
      topology([
        [1, 2],
        [2, 3],
        [3, 1],
      ]),
    ),
    undefined,
  );
  assert.equal(
    problems(
      topology([
        [1, 2],
        [2, 1],
        [2, 3],
        [3, 2],
      ]),
    ),
    undefined,
  );
});

test('a ring of four and a chain are supported', () => {
  const ring4 = topology(
    [
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 1],
    ],
    4,
  );
  assert.equal(problems(ring4), undefined);
});

test('two paths to one site (1 → {2,3} → 4) are flagged, naming both paths', () => {
  const dag = topology(
    [
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 4],
    ],
    4,
  );
  const error = problems(dag);
  assert.ok(error, 'the diamond was accepted');
  assert.equal(error.issues.length, 1);
  const [issue] = error.issues;
  assert.deepEqual(issue!.path, ['sites', 2, 'regions', 0, 'senders', 0]);
  assert.match(
    issue!.message,
    /region "data" written at s1 reaches s4 twice, by s1 -\(to-2\)-> s2 -\(to-4\)-> s4 and by s1 -\(to-3\)-> s3 -\(to-4\)-> s4/,
  );
  assert.match(error.message, /paths\.yaml:\d+:\d+ sites\[2\]\.regions\[0\]\.senders\[0\]/);
});

test('a region sending through two senders to the same site is flagged', () => {
  const text = `name: twice
sites:
  - name: s1
    id: 1
    members: [m1]
    regions:
      - name: data
        senders: [a, b]
    senders:
      - id: a
        remoteSite: s2
      - id: b
        remoteSite: s2
  - name: s2
    id: 2
    members: [m2]
    regions: [{ name: data }]
`;
  const error = problems(text);
  assert.ok(error);
  assert.equal(error.issues[0]!.location.line, 8);
  assert.match(
    error.issues[0]!.message,
    /reaches s2 twice, by s1 -\(a\)-> s2 and by s1 -\(b\)-> s2/,
  );
});

test('two senders to one site for different regions are fine (SEND-1)', () => {
  const text = `name: two-senders
sites:
  - name: s1
    id: 1
    members: [m1]
    regions:
      - { name: data, senders: [a] }
      - { name: orders, senders: [b] }
    senders:
      - { id: a, remoteSite: s2 }
      - { id: b, remoteSite: s2 }
  - name: s2
    id: 2
    members: [m2]
    regions: [{ name: data }, { name: orders }]
`;
  assert.equal(problems(text), undefined);
});

test('a site that lacks the region does not forward it', () => {
  const text = topology(
    [
      [1, 2],
      [1, 3],
      [2, 4],
      [3, 4],
    ],
    4,
  ).replace(/(name: s3\n(?:.*\n)*?\s+regions:\n\s+- )name: data/, '$1name: other');
  assert.equal(problems(text), undefined);
});
