import { Given } from '@cucumber/cucumber';
import { attachDeploymentEvidence } from './support/deployment-evidence.js';
import { pool } from './support/hooks.js';
import { noteBaseline } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

Given('the topology {string} is running', async function (this: WanWorld, name: string) {
  const acquired = await pool.acquire(name);
  this.deployment = acquired.deployment;
  await attachDeploymentEvidence(this, name, acquired);
  await noteBaseline(this);
});
