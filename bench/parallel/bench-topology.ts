import { join } from 'node:path';
import { parseTopology } from '../../harness/topology/load-topology.js';
import type { Topology } from '../../harness/topology/model.js';
import { projectRoot } from '../../harness/util/project-root.js';

/** The partitioned region a parallel sender carries, and the one a serial sender carries. */
export const PARALLEL = { region: 'porders', sender: 'par-to-site2' } as const;
export const SERIAL = { region: 'sorders', sender: 'ser-to-site2' } as const;

/**
 * Both sites with `members` members. Site 1 holds two partitioned regions of the same shape,
 * one carried by a parallel sender, one by a serial sender; both senders, and the engine's
 * membership timings, keep their defaults (5 dispatchers, batches of 100 or 1 s, heartbeat
 * 1 s, member timeout 5 s). Site 2 receives on every member and sends nothing back.
 */
export function benchTopology(members: number, redundantCopies: number): Topology {
  const list = (site: string, receiver: boolean): string =>
    Array.from({ length: members }, (_, i) =>
      receiver
        ? `      - ${site}-m${i + 1}`
        : `      - { name: ${site}-m${i + 1}, receiver: false }`,
    ).join('\n');
  const regions = (copies: number, senders: boolean): string =>
    [PARALLEL, SERIAL]
      .map(
        (r) =>
          `      - { name: ${r.region}, type: partitioned, redundantCopies: ${copies}${senders ? `, senders: [${r.sender}]` : ''} }`,
      )
      .join('\n');
  const text = `name: bench-parallel-${members}
engine:
  logLevel: warn
  memberHeartbeatIntervalMs: 1000
  memberTimeoutMs: 5000
  locatorExchangeIntervalMs: 1000
sites:
  - name: site1
    id: 1
    members:
${list('site1', false)}
    regions:
${regions(redundantCopies, true)}
    senders:
      - { id: ${PARALLEL.sender}, remoteSite: site2, parallel: true }
      - { id: ${SERIAL.sender}, remoteSite: site2 }
  - name: site2
    id: 2
    members:
${list('site2', true)}
    regions:
${regions(0, false)}
`;
  return parseTopology(
    text,
    join(projectRoot(), 'bench', 'parallel', `bench-parallel-${members}.yaml`),
  );
}
