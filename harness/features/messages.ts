/**
 * The parts of cucumber's messages (https://github.com/cucumber/messages) that the harness
 * reads before a run: parsed features, step definitions and how steps matched them.
 */
export interface Location {
  line: number;
  column?: number;
}

export interface GherkinNode {
  id?: string;
  location?: Location;
  keyword?: string;
  [field: string]: unknown;
}

export interface DryRunEnvelope {
  gherkinDocument?: { uri?: string; feature?: GherkinNode };
  parseError?: { source: { uri?: string; location?: Location }; message: string };
  stepDefinition?: {
    id: string;
    pattern: { source: string; type: string };
    sourceReference: { uri?: string; location?: Location };
  };
  pickle?: {
    id: string;
    uri: string;
    name: string;
    /** The scenario's node, then (for an outline's example) its row. */
    astNodeIds: readonly string[];
    steps: Array<{ id: string; text: string; astNodeIds: readonly string[] }>;
    tags: Array<{ name: string; astNodeId: string }>;
  };
  testCase?: {
    id: string;
    pickleId: string;
    testSteps: Array<{ pickleStepId?: string; stepDefinitionIds?: readonly string[] }>;
  };
}

export interface NodeAt {
  uri: string;
  line: number;
  keyword: string;
}

/** Every node of every parsed feature that has an id (steps, tags, scenarios, rows), by id. */
export function gherkinNodeIndex(
  envelopes: Iterable<Pick<DryRunEnvelope, 'gherkinDocument'>>,
): Map<string, NodeAt> {
  const nodes = new Map<string, NodeAt>();
  const visit = (value: unknown, uri: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, uri);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as GherkinNode;
    if (typeof node.id === 'string' && node.location) {
      nodes.set(node.id, { uri, line: node.location.line, keyword: node.keyword ?? '' });
    }
    for (const child of Object.values(node)) visit(child, uri);
  };
  for (const { gherkinDocument } of envelopes) {
    if (gherkinDocument?.feature) visit(gherkinDocument.feature, gherkinDocument.uri ?? '?');
  }
  return nodes;
}
