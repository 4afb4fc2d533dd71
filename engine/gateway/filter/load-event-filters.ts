import type { EventFilterConfig } from '../../../contract/sender-attributes.js';
import type { GatewayEventFilter } from '../../../contract/event-filter-api.js';
import type { EngineError } from '../../errors.js';
import { createFromModule, pluginFailure } from '../../plugin/create-from-module.js';

const HOOKS = ['beforeEnqueue', 'beforeTransmit', 'afterAcknowledgement', 'stats'] as const;

/**
 * Loads a sender's event filters when the member starts (issue 15). A module that is missing,
 * does not load, does not export `createEventFilter(options)`, or returns something that is
 * not a filter stops the start with an error naming the file and the sender.
 */
export async function loadEventFilters(
  senderId: string,
  configs: readonly EventFilterConfig[],
): Promise<GatewayEventFilter[]> {
  const filters: GatewayEventFilter[] = [];
  for (const config of configs) filters.push(await loadEventFilter(senderId, config));
  return filters;
}

async function loadEventFilter(
  senderId: string,
  config: EventFilterConfig,
): Promise<GatewayEventFilter> {
  const fail = pluginFailure(
    'WAN_ERR_EVENT_FILTER_INVALID',
    `event filter ${config.module} of sender "${senderId}"`,
  );
  const filter = await createFromModule(config.module, 'createEventFilter', config.options, fail, {
    missing: 'set eventFilters[].module to the path of a module',
    noFactory:
      'export createEventFilter(options) returning the hooks it needs (docs/event-filters.md)',
    badOptions: 'fix the options of this filter in eventFilters',
  });
  return checkedFilter(filter, fail);
}

function checkedFilter(
  filter: unknown,
  fail: (problem: string, hint: string) => EngineError,
): GatewayEventFilter {
  const hint =
    'return an object with any of beforeEnqueue, beforeTransmit, afterAcknowledgement and stats, each a function (docs/event-filters.md)';
  if (typeof filter !== 'object' || filter === null) {
    throw fail('has a createEventFilter that does not return an object', hint);
  }
  const record = filter as Record<string, unknown>;
  const hooks = HOOKS.filter((hook) => record[hook] !== undefined);
  const wrong = hooks.filter((hook) => typeof record[hook] !== 'function');
  if (wrong.length > 0) throw fail(`has ${wrong.join(', ')} that is not a function`, hint);
  if (hooks.length === 0) throw fail('returns a filter with no hook', hint);
  return filter as GatewayEventFilter;
}

/** Every sender's filters, by sender id, loaded before the member is built. */
export async function loadSenderFilters(
  senders: ReadonlyArray<{ id: string; eventFilters?: readonly EventFilterConfig[] | undefined }>,
): Promise<Map<string, Array<{ module: string; filter: GatewayEventFilter }>>> {
  const loaded = new Map<string, Array<{ module: string; filter: GatewayEventFilter }>>();
  for (const sender of senders) {
    const configs = sender.eventFilters ?? [];
    if (configs.length === 0) continue;
    const filters = await loadEventFilters(sender.id, configs);
    loaded.set(
      sender.id,
      filters.map((filter, i) => ({ module: configs[i]!.module, filter })),
    );
  }
  return loaded;
}
