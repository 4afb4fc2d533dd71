import { resolve } from 'node:path';
import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import {
  CLAUSE_TAG_PREFIX,
  clauseIdsOf,
  loadClauses,
} from '../../harness/report/clause-catalogue.js';
import { runtimeFromEnv } from '../../harness/deployment/runtime-choice.js';
import { HarnessError } from '../../harness/errors.js';
import { projectRoot } from '../../harness/util/project-root.js';
import { rootSeedFrom } from '../../harness/util/seed.js';
import { DeploymentPool } from './deployment-pool.js';
import type { WanWorld } from './world.js';

/** WAN scenarios wait on remote sites; cucumber's 5 s default is far too short. */
setDefaultTimeout(120_000);

export const rootSeed = rootSeedFrom(process.env.WANLAB_SEED);
const runtime = runtimeFromEnv();
export const pool = new DeploymentPool({
  rootSeed,
  maxRunning: poolSizeFrom(process.env.WANLAB_POOL_SIZE),
  topologyDir: resolve(projectRoot(), process.env.WANLAB_TOPOLOGIES || 'topologies'),
  ...(runtime ? { runtime } : {}),
});
let knownClauses = new Set<string>();

BeforeAll(function () {
  knownClauses = new Set(loadClauses().map((c) => c.id));
});

/** A scenario naming a clause that is not in features/clauses.yaml fails at once. */
Before(function (this: WanWorld, { pickle }) {
  const tags = pickle.tags.map((t) => t.name);
  const unknown = clauseIdsOf(tags).filter((id) => !knownClauses.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `unknown clause tag ${unknown.map((id) => CLAUSE_TAG_PREFIX + id).join(', ')}: add it to features/clauses.yaml or fix the tag`,
    );
  }
});

After(function (this: WanWorld, { result }) {
  if (result?.status !== Status.FAILED || !this.hasDeployment) return;
  const deployment = this.deployment;
  this.attach(
    `root seed ${rootSeed} (repeat with WANLAB_SEED=${rootSeed}); run folder ${deployment.runDir}`,
  );
  for (const member of [...deployment.locators(), ...deployment.members()]) {
    this.attach(member.logTail(40), { mediaType: 'text/plain', fileName: `${member.name}.log` });
  }
});

AfterAll(async function () {
  await pool.closeAll();
});

/** Deployments one worker keeps running at once (WANLAB_POOL_SIZE, default 2). */
function poolSizeFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 2;
  const size = Number(value);
  if (Number.isInteger(size) && size >= 1) return size;
  throw new HarnessError(
    'WANLAB_USAGE',
    `WANLAB_POOL_SIZE must be a whole number of at least 1, not "${value}"`,
    'unset it to keep 2 deployments per worker',
  );
}
