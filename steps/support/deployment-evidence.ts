import {
  DEPLOYMENT_ATTACHMENT,
  type DeploymentEvidence,
} from '../../harness/report/run-evidence.js';
import type { Acquired } from './deployment-pool.js';
import type { WanWorld } from './world.js';

/**
 * Attaches to the scenario which engine served it, as each running member reports itself on
 * GET /health, and how its deployment was obtained (started or reused, and how long it took).
 */
export async function attachDeploymentEvidence(
  world: WanWorld,
  topologyName: string,
  acquired: Acquired,
): Promise<void> {
  const { deployment } = acquired;
  const engines = await Promise.all(
    deployment
      .members()
      .filter((member) => member.state === 'running')
      .map(async (member) => ({ member: member.name, ...(await member.client.health()).engine })),
  );
  const evidence: DeploymentEvidence = {
    topology: topologyName,
    runtime: deployment.runtimeKind,
    driver: {
      name: deployment.driver.name,
      version: deployment.driver.version,
      capabilities: [...deployment.driver.capabilities].sort(),
    },
    reused: acquired.reused,
    acquireMs: acquired.acquireMs,
    engines,
    runDir: deployment.runDir,
  };
  const note = acquired.resetFailure
    ? { ...evidence, resetFailure: acquired.resetFailure }
    : evidence;
  await world.attach(JSON.stringify(note, null, 2), {
    mediaType: 'application/json',
    fileName: DEPLOYMENT_ATTACHMENT,
  });
}
