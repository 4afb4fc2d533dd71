import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import {
  CLAUSE_TAG_PREFIX,
  clauseIdsOf,
  loadClauses,
} from '../../harness/report/clause-catalogue.js';
import { rootSeedFrom } from '../../harness/util/seed.js';
import { DeploymentPool } from './deployment-pool.js';
import { poolSize, topologyDir } from './settings.js';
import type { WanWorld } from './world.js';

/** WAN scenarios wait on remote sites; cucumber's 5 s default is far too short. */
setDefaultTimeout(120_000);

export const rootSeed = rootSeedFrom(process.env.WANLAB_SEED);
export const pool = new DeploymentPool({
  rootSeed,
  maxRunning: poolSize(),
  topologyDir: topologyDir(),
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
