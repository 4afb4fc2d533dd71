import { Given } from '@cucumber/cucumber';
import { TOPOLOGY_STEP } from '../harness/schedule/schedule-plan.js';
import { attachDeploymentEvidence } from './support/deployment-evidence.js';
import { pool } from './support/hooks.js';
import { noteBaseline } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

/** The scheduler finds a scenario's topology by this step (harness/schedule/schedule-plan.ts). */
Given(TOPOLOGY_STEP, async function (this: WanWorld, name: string) {
  const acquired = await pool.acquireWithEvidence(name);
  this.deployment = acquired.deployment;
  await attachDeploymentEvidence(this, name, acquired);
  await noteBaseline(this);
});
