import { Type, type Static } from '@sinclair/typebox';
import type { Edit } from './apply-edit.js';

/**
 * One file of mutants/: a small realistic bug planted in the engine to show that the
 * scenarios of one clause notice it. The edit is a search and replace on one source file
 * (`find` must occur there exactly once), so the catalogue survives refactors that move
 * lines; docs/mutation.md describes the fields. The file is the engine's, the contract's
 * (its configuration rules are the engine's too) or the harness's topology checks (the
 * clauses that say a topology is rejected before it runs: DISC-1, DISC-7, DIST-3).
 */
/** The sources a mutant may edit: what `tsconfig.mutate.json` builds (workspace.ts). */
export const MUTABLE_DIRS = ['contract', 'engine', 'harness/topology'] as const;
const MUTABLE_FILE = `^(${MUTABLE_DIRS.join('|')})/[A-Za-z0-9_/.-]+\\.ts$`;

export const MutantSchema = Type.Object(
  {
    clause: Type.String({ pattern: '^[A-Z]+-[0-9]+$' }),
    bug: Type.String({ minLength: 8, maxLength: 200, pattern: '^[^\\n]+$' }),
    file: Type.String({ pattern: MUTABLE_FILE }),
    find: Type.String({ minLength: 1 }),
    replace: Type.String(),
    /**
     * Further edits of the same file, applied in order after the first: for a bug that
     * needs two places changed (a message sent in one method, acted on in another).
     */
    moreEdits: Type.Optional(
      Type.Array(
        Type.Object(
          { find: Type.String({ minLength: 1 }), replace: Type.String() },
          { additionalProperties: false },
        ),
        { minItems: 1 },
      ),
    ),
    alsoRun: Type.Optional(
      Type.Array(Type.String({ pattern: '^@[A-Za-z0-9_:.-]+$' }), {
        minItems: 1,
        uniqueItems: true,
      }),
    ),
  },
  { additionalProperties: false },
);

export type MutantSpec = Static<typeof MutantSchema>;

/** Every edit of a mutant, the first one first. */
export function mutantEdits(mutant: MutantSpec): Edit[] {
  return [{ find: mutant.find, replace: mutant.replace }, ...(mutant.moreEdits ?? [])];
}

/** A mutant as the runner uses it: its spec, its name (the file name) and its file. */
export interface Mutant extends MutantSpec {
  name: string;
  /** The mutant's own YAML file, for messages. */
  source: string;
}
