import { after, before, describe } from 'node:test';
import { capabilityChecks } from './capability-checks.js';
import { errorChecks } from './error-checks.js';
import { identityChecks } from './identity-checks.js';
import { regionChecks } from './region-checks.js';
import { senderChecks } from './sender-checks.js';
import { SuiteContext } from './suite-context.js';
import { valueLimitChecks } from './value-limit-checks.js';

/**
 * The engine contract suite (npm run test:contract -- --engine <name>): black-box checks any
 * engine must pass through its control API, on a small real deployment
 * (topologies/contract.yaml) started by the engine's driver. Every answer is checked against
 * the contract's schemas (contract-client.ts); checks of a capability the engine lacks are
 * skipped, with the reason. The engine is WANLAB_ENGINE (scripts/run-contract-tests.mjs).
 */
const ctx = new SuiteContext();

describe(`the engine contract, on ${ctx.driver.name} ${ctx.driver.version}`, () => {
  before(() => ctx.start(), { timeout: 300_000 });
  after(() => ctx.stop());
  identityChecks(ctx);
  regionChecks(ctx);
  senderChecks(ctx);
  errorChecks(ctx);
  valueLimitChecks(ctx);
  capabilityChecks(ctx);
});
