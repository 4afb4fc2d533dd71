import { ConditionTimeout, eventually } from '../util/wait.js';
import type { ChaosDeployment } from '../nemesis/chaos-deployment.js';

/**
 * Waits until every sender queue of every running member is empty on two polls in a row (an
 * event forwarded between the polls would show on the second). False if the deadline passes.
 */
export async function awaitQuiescence(
  deployment: ChaosDeployment,
  timeoutMs: number,
): Promise<boolean> {
  let emptyPolls = 0;
  try {
    await eventually(
      async () => {
        const sizes = await Promise.all(
          deployment
            .members()
            .filter((m) => m.state === 'running')
            .map(async (m) => (await m.client.senders()).reduce((n, s) => n + s.queue.size, 0)),
        );
        emptyPolls = sizes.every((size) => size === 0) ? emptyPolls + 1 : 0;
        return emptyPolls;
      },
      (polls) => polls >= 2,
      { timeoutMs, pollMs: 100, description: 'every sender queue to drain' },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionTimeout) return false;
    throw error;
  }
}
