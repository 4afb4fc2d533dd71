import type { TSchema } from '@sinclair/typebox';
import { ExperimentSchema } from '../experiment/experiment-schema.js';
import { MutantSchema } from '../mutate/mutant-schema.js';
import { TopologySchema } from '../topology/topology-schema.js';

/** A JSON Schema file of schemas/, generated from the TypeBox schema the loader validates with. */
export interface SchemaFile {
  /** Relative to the project root. */
  path: string;
  text: string;
}

const DRAFT = 'http://json-schema.org/draft-07/schema#';

/** TypeBox schemas are JSON Schema plus symbols; JSON keeps the schema and drops the symbols. */
function jsonSchema(schema: TSchema, id: string, title: string, description: string): string {
  const document = {
    $schema: DRAFT,
    $id: id,
    title,
    description,
    ...(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Every schema of schemas/ (`npm run schemas` writes them; a unit test compares). */
export function schemaFiles(): SchemaFile[] {
  return [
    {
      path: 'schemas/topology.schema.json',
      text: jsonSchema(
        TopologySchema,
        'topology.schema.json',
        'wanlab topology',
        'A wanlab topology (topologies/<name>.yaml): sites, members, regions, senders, receivers. Generated from harness/topology/topology-schema.ts by `npm run schemas`; docs/architecture.md ("Topology fields") describes every field. `wanlab check <file>` applies the rules a schema cannot say.',
      ),
    },
    {
      path: 'schemas/experiment.schema.json',
      text: jsonSchema(
        ExperimentSchema,
        'experiment.schema.json',
        'wanlab chaos experiment',
        'A wanlab chaos experiment (experiments/<name>.yaml): a topology, a workload, faults and checkers. Generated from harness/experiment/experiment-schema.ts by `npm run schemas`; docs/chaos.md describes every field. `wanlab check <file>` applies the rules a schema cannot say.',
      ),
    },
    {
      path: 'schemas/mutant.schema.json',
      text: jsonSchema(
        MutantSchema,
        'mutant.schema.json',
        'wanlab clause mutant',
        'A clause mutant (mutants/<name>.yaml): one small bug planted in a copy of the engine by `wanlab mutate`, and the clause whose scenarios should notice it. Generated from harness/mutate/mutant-schema.ts by `npm run schemas`; docs/mutation.md describes every field.',
      ),
    },
  ];
}
