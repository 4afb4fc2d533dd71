import { ControlApiError } from '../client/control-client.js';
import { HarnessError } from '../errors.js';
import type { ChaosDeployment } from './chaos-deployment.js';
import type { PlannedFault } from './planned-fault.js';

/**
 * Checks, before a run starts, that the engine can do every product operation the schedule
 * asks for. A rebalance is probed on a sender id that cannot exist: an engine with the route
 * answers "unknown sender", one without it "no route".
 */
export async function preflight(
  schedule: PlannedFault[],
  deployment: ChaosDeployment,
): Promise<void> {
  if (!schedule.some((f) => f.kind === 'rebalance')) return;
  const member = deployment.members().find((m) => m.state === 'running');
  if (!member) return;
  try {
    await member.client.request('POST', '/v1/senders/wanlab-preflight-probe/rebalance');
  } catch (error) {
    if (error instanceof ControlApiError && error.body?.code === 'WAN_ERR_NOT_FOUND') {
      throw new HarnessError(
        'WANLAB_ENGINE_UNSUPPORTED',
        'the experiment asks for rebalance faults, but the engine has no rebalance operation (POST /v1/senders/:id/rebalance answered "no route")',
        'remove the rebalance fault from the experiment, or run it against an engine that has RECV-6 rebalancing',
      );
    }
  }
}
