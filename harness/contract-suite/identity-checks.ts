import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTROL_API_VERSION,
  openApiDocument,
  routesFor,
  type ControlRole,
  type HealthBody,
  type OpenApiDocument,
} from '../../contract/index.js';
import { ORIGIN, REMOTE, type SuiteContext } from './suite-context.js';

/** Health and identity on every process, and the OpenAPI document each one serves. */
export function identityChecks(ctx: SuiteContext): void {
  describe('health and identity', () => {
    it('every member and locator says who it is, where, and which engine', async () => {
      for (const place of [ORIGIN, REMOTE]) {
        const member = await ctx.member(place.member).ok<HealthBody>('GET', '/health');
        assert.deepEqual(
          [member.status, member.role, member.name, member.site, member.distributedSystemId],
          ['ok', 'member', place.member, place.site, place.id],
        );
        assert.ok(member.uid, 'a member names its incarnation (uid)');
        assert.equal(member.controlApiVersion, CONTROL_API_VERSION);
        assert.ok(member.engine.name && member.engine.version, 'the engine names itself');
        const locator = await ctx.locator(place.locator).ok<HealthBody>('GET', '/health');
        assert.deepEqual(
          [locator.role, locator.name, locator.distributedSystemId],
          ['locator', place.locator, place.id],
        );
        assert.deepEqual(locator.engine, member.engine, 'locator and member are one engine');
      }
    });

    it('a restarted member keeps its name and gets a new uid', async () => {
      const before = await ctx.remote.ok<HealthBody>('GET', '/health');
      await ctx.deployment.member(REMOTE.member).stop();
      await ctx.deployment.startMember(REMOTE.member);
      const after = await ctx.remote.ok<HealthBody>('GET', '/health');
      assert.equal(after.name, before.name);
      assert.notEqual(after.uid, before.uid);
    });
  });

  describe('OpenAPI', () => {
    for (const role of ['member', 'locator'] as const) {
      it(`a ${role} serves the contract's document for the routes of its capabilities`, async () => {
        const client = role === 'member' ? ctx.origin : ctx.locator(ORIGIN.locator);
        const health = await client.ok<HealthBody>('GET', '/health');
        const served = await client.ok<OpenApiDocument>('GET', '/v1/openapi.json');
        const expected = openApiDocument(
          role,
          health.engine,
          (route) => route.capability === undefined || ctx.has(route.capability),
        );
        assert.deepEqual(served, JSON.parse(JSON.stringify(expected)));
        assert.deepEqual(pathsOf(served), expectedPaths(role, ctx));
      });
    }
  });
}

function pathsOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m} ${path}`))
    .sort();
}

/** Every route of the role, less those of capabilities the engine lacks, and with a response schema. */
function expectedPaths(role: ControlRole, ctx: SuiteContext): string[] {
  return routesFor(role)
    .filter((route) => route.capability === undefined || ctx.has(route.capability))
    .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
    .sort();
}
