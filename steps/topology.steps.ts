import { Given } from '@cucumber/cucumber';
import { pool } from './support/hooks.js';
import { noteBaseline } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

Given('the topology {string} is running', async function (this: WanWorld, name: string) {
  this.deployment = await pool.acquire(name);
  await noteBaseline(this);
});
