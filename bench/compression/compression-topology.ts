import { join } from 'node:path';
import type { TransportCompression } from '../../contract/index.js';
import { parseTopology } from '../../harness/topology/load-topology.js';
import type { Topology } from '../../harness/topology/model.js';
import { projectRoot } from '../../harness/util/project-root.js';

export const REGION = 'data';
export const SENDER = 'to-site2';
export const LINK = 'site1->site2';

/**
 * Site 1 sends region `data` to site 2 with one serial sender of one dispatcher; the sender
 * and site 2's receiver both say `compression`. Two sites only: the machine is small.
 */
export function compressionTopology(
  compression: TransportCompression,
  batchSize: number,
): Topology {
  const text = `name: bench-compression-${compression}
engine:
  logLevel: warn
sites:
  - name: site1
    id: 1
    members: [{ name: site1-m1, receiver: false }]
    regions: [{ name: ${REGION}, senders: [${SENDER}] }]
    senders:
      - id: ${SENDER}
        remoteSite: site2
        batchSize: ${batchSize}
        batchTimeIntervalMs: 50
        dispatcherThreads: 1
        transport: { compression: ${compression} }
  - name: site2
    id: 2
    members: [site2-m1]
    regions: [{ name: ${REGION} }]
    receiver: { transport: { compression: ${compression} } }
`;
  return parseTopology(
    text,
    join(projectRoot(), 'bench', 'compression', `bench-compression-${compression}.yaml`),
  );
}
