import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv } from 'ajv';
import { formatIssues, parseYamlSpec, type SpecFormat } from '../config/yaml-spec.js';
import { compileLater } from '../config/compile-later.js';
import { HarnessError, messageOf } from '../errors.js';
import type { Topology } from './model.js';
import { pathIssues } from './path-rules.js';
import { eventFilterIssues, resolverIssues } from './resolver-rules.js';
import { resolveTopology } from './resolve-topology.js';
import { TopologyError } from './topology-error.js';
import { topologyIssues } from './topology-rules.js';
import { topologyWarnings } from './topology-warnings.js';
import { TopologySchema, type TopologySpec } from './topology-schema.js';

const TOPOLOGY_FORMAT: SpecFormat = {
  validator: compileLater(() =>
    new Ajv({ allErrors: true, strict: false }).compile(TopologySchema),
  ),
  docs: 'docs/architecture.md',
  reject: (file, issues) => new TopologyError(file, issues),
};

/** Reads, validates (schema, then rules) and resolves a topology file. Throws TopologyError. */
export function loadTopology(file: string): Topology {
  return parseTopology(readTopologyText(file), file);
}

export function parseTopology(text: string, file: string): Topology {
  const { spec, locateAll } = parseYamlSpec<TopologySpec>(text, file, TOPOLOGY_FORMAT);
  const rules = [
    ...topologyIssues(spec),
    ...resolverIssues(spec, dirname(file)),
    ...eventFilterIssues(spec, dirname(file)),
    ...pathIssues(spec),
  ];
  if (rules.length > 0) throw new TopologyError(file, locateAll(rules));
  const warnings = locateAll(topologyWarnings(spec));
  const topology = resolveTopology(spec, file);
  if (warnings.length === 0) return topology;
  return { ...topology, warnings: warnings.map((warning) => formatIssues(file, [warning])) };
}

function readTopologyText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'WANLAB_TOPOLOGY_UNREADABLE',
      `cannot read topology ${file}: ${messageOf(cause)}`,
      'pass the path of a topology YAML file, e.g. topologies/two-site.yaml',
      { cause },
    );
  }
}
