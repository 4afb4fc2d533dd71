/**
 * What an engine may honestly lack. Every engine driver declares the capabilities its engine
 * has; a scenario names what it needs with `@needs:<capability>` and is "not applicable" on an
 * engine without it (reported, never a pass). Everything else of the contract (health,
 * regions and entries, senders and their state machine, PATCH, the receiver's status, the
 * statistics, the error shapes, OpenAPI) every engine must have.
 */
export const CAPABILITIES = {
  'applied-log':
    'GET /v1/events: every event a member applied, local and remote, with its origin, recipients and sending site',
  'receipt-log':
    'GET /v1/receipts: what the gateway receiver made of every event it got (applied, discarded, failed)',
  'possible-duplicate-flag':
    'events resent after a failure are flagged possibleDuplicate in the applied log, and receivers count them (possibleDuplicatesReceived)',
  'clock-offset':
    "PUT /v1/clock {offsetMs}: skews the member's clock, and so its version timestamps",
  'clock-fixed':
    'PUT /v1/clock {fixedAtMs}: stops the clock at one instant (equal timestamps at several sites)',
  transactions: 'POST /v1/transactions: several puts and destroys committed together',
  'transaction-repeated-keys':
    'POST /v1/transactions answers one event per operation when several operations of one transaction write the same key (Geode keeps one pending operation per key and refuses such a transaction)',
  'custom-resolver':
    "a region's conflict resolver given as a TypeScript/JavaScript module of the topology",
  'conflict-statistics':
    "GET /v1/regions/:region/conflicts: a region's conflict settings and counters",
  'runtime-receiver-create': 'POST /v1/receiver: a gateway receiver created on a running member',
  'cluster-view':
    'GET /v1/cluster: the members of the site as a member sees them, oldest first, with their senders',
  'locator-view':
    "GET /v1/view on a locator: its view of every site's locators and receivers and of its site's members",
  'bucket-status': "GET /v1/regions/:region/buckets: each bucket's primary and copies",
  'dropped-events-log': 'GET /v1/senders/:id/dropped: the events a stopped parallel sender dropped',
  'sender-rebalance':
    'POST /v1/senders/:id/rebalance: every dispatcher reconnects, spread over the receivers',
  'dispatcher-status':
    "a sender status's dispatchers[]: each lane's connection, queue, batch in flight and counts",
  'sender-failure-log':
    "a sender status's recentFailures[]: the events receivers reported as failed, with the last applied one",
  'config-probe':
    'a member process started alone from a hand-written sender definition, to see whether the engine takes it',
  'raw-gateway-input':
    "a client speaking the engine's gateway wire protocol sends malformed input to a receiver",
  'normal-region-parallel-sender':
    'a parallel sender on a normal or preloaded region, its events hashed over queue buckets on every hosting member (seed 001; Geode refuses the configuration)',
  'raw-cluster-input':
    "a client sends malformed frames to a locator's port and a member's peer port, and the locator view and cluster view count the connections closed for them (protocolErrors, peerProtocolErrors)",
  'prometheus-metrics':
    "GET /metrics on a member: its gateway senders' and receiver's statistics as Prometheus text, with Geode's statistic names",
  tls: 'TLS on every sender → receiver, locator ↔ locator and member ↔ member connection (`security.tls`), each site with its own certificate',
  'event-filters':
    "gateway event filters on senders (`eventFilters`: beforeEnqueue, beforeTransmit, afterAcknowledgement), the sender statistic eventsFiltered, and each filter's own counters in the sender status (`filters`)",
  'site-authentication':
    "per-site secrets in the topology (`security.authentication`): receivers, locators and peers take only handshakes proved with a connected site's credentials; a locator's view counts the refusals (authenticationsRefused)",
  'transport-compression':
    'transport filters on the gateway wire (`transport.compression` of senders and receivers: none, gzip, deflate, brotli), agreed in the handshake (a mismatch refused with WAN_ERR_TRANSPORT_MISMATCH), with byte counts before and after compression and the last refusal in the sender status (`transport`) and the receiver status',
  'wan-copy':
    "POST /v1/regions/:region/wan-copy: a region's existing entries copied to a sender's remote site with their versions, at a maximum rate, with progress and cancel (Geode's wan-copy region)",
  'runtime-destroy':
    'DELETE /v1/regions/:region, POST /v1/regions/:region/close and POST /v1/regions/:region (a region destroyed, closed and created again at runtime), DELETE and POST /v1/senders/:id (a sender destroyed, refused while a region uses it, and created again) (issue 15, GEODE-5, GEODE-6)',
} as const;

export type Capability = keyof typeof CAPABILITIES;

export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export function isCapability(value: string): value is Capability {
  return Object.hasOwn(CAPABILITIES, value);
}

/** The scenario tag that says a scenario needs a capability: `@needs:applied-log`. */
export const NEEDS_TAG_PREFIX = '@needs:';

/** The capabilities named by `@needs:` tags (known or not), in tag order. */
export function neededCapabilities(tags: readonly string[]): string[] {
  return tags
    .filter((tag) => tag.startsWith(NEEDS_TAG_PREFIX))
    .map((tag) => tag.slice(NEEDS_TAG_PREFIX.length));
}
