import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import {
  CLAUSE_TAG_PREFIX,
  clauseIdsOf,
  loadClauses,
} from '../../harness/report/clause-catalogue.js';
import {
  missingCapabilities,
  NOT_APPLICABLE_ATTACHMENT,
  notApplicableMessage,
  type NotApplicable,
} from '../../harness/engines/applicability.js';
import { rootSeedFrom } from '../../harness/util/seed.js';
import { DeploymentPool } from './deployment-pool.js';
import { scenarioEngine } from './scenario-engine.js';
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

/**
 * A scenario that needs a capability (`@needs:<capability>`) its engine lacks is not run and
 * is reported as not applicable on that engine: skipped here, with the reason attached for
 * the reports (harness/report/cucumber-results.ts), never counted as a pass.
 */
Before(async function (this: WanWorld, { pickle }) {
  const engine = scenarioEngine(pickle.steps, topologyDir());
  const missing = missingCapabilities(
    pickle.tags.map((t) => t.name),
    engine.capabilities,
  );
  if (missing.length === 0) return undefined;
  const na: NotApplicable = { engine: engine.name, version: engine.version, missing };
  await this.attach(JSON.stringify(na), {
    mediaType: 'application/json',
    fileName: NOT_APPLICABLE_ATTACHMENT,
  });
  this.log(notApplicableMessage(na));
  return 'skipped';
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
