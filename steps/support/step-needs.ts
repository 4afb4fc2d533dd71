import type { Capability } from '../../contract/index.js';

/**
 * The capabilities each step needs beyond the contract every engine has: the routes and
 * status fields it reads (contract/capabilities.ts). A scenario using one of these steps must
 * say so with `@needs:<capability>`, so that it is "not applicable" on an engine without it
 * rather than a failure; steps/support/step-needs.test.ts checks every scenario against this
 * table, and that every step named here exists.
 */
export const STEP_NEEDS: Readonly<Record<string, readonly Capability[]>> = {
  // The applied-event log (GET /v1/events).
  'site {site} applied the {int} entries with prefix {string} in region {string} exactly once each':
    ['applied-log'],
  'site {site} applied the {int} entries with prefix {string} in region {string}, any repeat flagged possibleDuplicate':
    ['applied-log', 'possible-duplicate-flag'],
  'site {site} applied the {int} rounds of every key with prefix {string} in region {string} in order':
    ['applied-log'],
  'site {site} applied the events of every client thread in region {string} in the order they were made':
    ['applied-log'],
  'site {site} applied the {int} puts with prefix {string} in region {string} in the order they were made':
    ['applied-log'],
  'site {site} applied {int} events in region {string}': ['applied-log'],
  'the event {string} in region {string} reached site {site} between {int} and {int} ms after it was written':
    ['applied-log'],
  'every site applied each of the {int} entries with prefix {string} in region {string} exactly once':
    ['applied-log'],
  'every site applied each of {string} in region {string} exactly once': ['applied-log'],
  'site {site} applied {string} in region {string} exactly {int} time(s)': ['applied-log'],
  'site {site} applied {string} in region {string} as {string}': ['applied-log'],
  'site {site} received {string} in region {string} from site {site}': ['applied-log'],
  'the event for {string} in region {string} reached site {site} with origin site {site} and recipients {string}':
    ['applied-log'],
  'site {site} applied the events of region {string} bucket by bucket in the order they were made':
    ['applied-log'],
  // Chaos histories are read from the applied-event log.
  'the chaos experiment {string} runs for {int} s with seed {int}': ['applied-log'],
  'the chaos experiment {string} runs for {int} s': ['applied-log'],
  'site(s) {sites} write(s) to region {string} for {int} s under random {faults} faults': [
    'applied-log',
  ],
  'site(s) {sites} write(s) to region {string} for {int} s under random {faults} faults with seed {int}':
    ['applied-log'],
  'the receivers got at least {int} events flagged as possible duplicates': [
    'possible-duplicate-flag',
  ],
  'the receivers of site {site} eventually counted at least {int} possible duplicates': [
    'possible-duplicate-flag',
  ],
  // The clock (PUT /v1/clock).
  'the clocks of all sites are stopped at the same instant': ['clock-offset', 'clock-fixed'],
  'the clock of site {site} is set {int} ms {word}': ['clock-offset'],
  'setting the clock offset of site {site} to {string} is refused with {int} {word}': [
    'clock-offset',
  ],
  // Conflict counters.
  'site {site} discarded {int} event(s) of region {string} as older': ['conflict-statistics'],
  'the resolver of region {string} was called exactly:': ['conflict-statistics'],
  'site {site} counted {int} resolver error(s) in region {string}': ['conflict-statistics'],
  'starting the topology {string} fails, naming {string} and saying {string}': ['custom-resolver'],
  // Transactions.
  'I commit {int} transaction(s) of {int} puts each with prefix {string} in region {string} at site {site}':
    ['transactions'],
  'I commit one transaction at site {site} that puts:': ['transactions'],
  // Locators' views and the site's membership.
  'the locators of site {site} eventually know the receivers of site {site}': ['locator-view'],
  'every locator reports the distributed-system-id of its site and knows all {int} sites by theirs':
    ['locator-view'],
  'the locator {string} is stopped': ['locator-view'],
  'the locators of site {site} eventually see locator {string} as down': ['locator-view'],
  'the locators of site {site} eventually see the receiver of member {string} as down': [
    'locator-view',
  ],
  'the locators of site {site} eventually see locator {string} up again, restarted': [
    'locator-view',
  ],
  'the locators of site {site} still see locator {string} as up for {int} ms': ['locator-view'],
  'the view of site {site} eventually lists {int} members, the same at every locator and member': [
    'locator-view',
    'cluster-view',
  ],
  'the view of site {site} eventually lists {int} members, without {string}': [
    'locator-view',
    'cluster-view',
  ],
  'member {string} is eventually the youngest of {int} members of site {site} in every view': [
    'locator-view',
    'cluster-view',
  ],
  // Receivers.
  'I create another gateway receiver on member {string}': ['runtime-receiver-create'],
  'the receiver of member {string} is removed': ['runtime-receiver-create'],
  'a receiver is created on member {string} with:': ['runtime-receiver-create'],
  'the receiver of member {string} is replaced by one with:': ['runtime-receiver-create'],
  'a client sends {string} to the gateway receiver at site {site} through the link from site {site}':
    ['raw-gateway-input'],
  // Forged frames (SEC-1).
  'a client sends {string} to locator {string}': ['raw-cluster-input', 'locator-view'],
  'a client sends {string} to the peer port of member {string}': [
    'raw-cluster-input',
    'locator-view',
    'cluster-view',
  ],
  'locator {string} is the same process and counts one more protocol error': [
    'raw-cluster-input',
    'locator-view',
  ],
  'member {string} is the same process and counts one more peer protocol error': [
    'raw-cluster-input',
    'cluster-view',
  ],
  'a plain-text client sends a gateway batch to the receiver at site {site} through the link from site {site}':
    ['raw-gateway-input'],
  // Per-site credentials (SEC-3, SEC-4).
  'member {string} is restarted holding a wrong secret for site {site}': ['site-authentication'],
  'a client without credentials sends locator {string} an exchange claiming site {site} that moves the receiver of member {string} to a fake address':
    ['raw-cluster-input', 'locator-view', 'site-authentication'],
  'a client with the credentials of site {site} sends locator {string} an exchange claiming site {site} that moves the receiver of member {string} to a fake address':
    ['raw-cluster-input', 'locator-view', 'site-authentication'],
  'locator {string} eventually counts {int} more refused authentication(s)': [
    'locator-view',
    'site-authentication',
  ],
  'locator {string} lists no receiver at the fake address': ['locator-view'],
  // Transport filters on the gateway wire (issue 15, GEODE-4).
  'sender {string} at site {site} eventually put at most {float} of its batch bytes on the wire': [
    'transport-compression',
  ],
  'the receiver at site {site} eventually decompressed at least {float} times the batch bytes it received':
    ['transport-compression'],
  'sender {string} at site {site} is eventually refused with {string}': ['transport-compression'],
  'sender {string} at site {site} is eventually connected with no refusal': [
    'transport-compression',
  ],
  'the receiver at site {site} eventually counts at least {int} transport mismatch(es)': [
    'transport-compression',
  ],
  // wan-copy (issue 15, GEODE-7).
  'I wan-copy region {string} at site {site} through sender {string}': ['wan-copy'],
  'I wan-copy region {string} at site {site} through sender {string} at most {int} entries per second in batches of {int}':
    ['wan-copy'],
  'I cancel the wan-copy': ['wan-copy'],
  'the wan-copy eventually ends {string} having copied {int} of {int} entries': ['wan-copy'],
  'the wan-copy eventually ends {string} having copied fewer than {int} entries': ['wan-copy'],
  'the wan-copy is seen running with some but not all entries copied': ['wan-copy'],
  'the wan-copy took at least {int} ms by its own clock': ['wan-copy'],
  'wan-copy requests at site {site} are refused:': ['wan-copy'],
  // Gateway event filters (issue 15).
  'the {string} count of filter {string} of sender {string} at site {site} is noted': [
    'event-filters',
  ],
  'filter {string} of sender {string} eventually counts {int} more {string} over the members of site {site}':
    ['event-filters'],
  'filter {string} of sender {string} eventually counts at least {int} more {string} over the members of site {site}':
    ['event-filters'],
  // Dispatcher lanes and failures in the sender status.
  'I pause sender {string} {where} while a batch is in flight': ['dispatcher-status'],
  'sender {string} {where} has {int} dispatchers': ['dispatcher-status'],
  'every dispatcher of sender {string} {where} has distributed events': ['dispatcher-status'],
  'every dispatcher of sender {string} on every member of site {site} dispatched batches': [
    'dispatcher-status',
  ],
  'the connections of sender {string} at site {site} eventually use the receivers of {string}': [
    'dispatcher-status',
  ],
  'the connections of sender {string} at site {site} stay on the receiver of {string} for {int} ms':
    ['dispatcher-status'],
  'the last failure of sender {string} {where} names {string} in region {string} with code {string} after {string}':
    ['sender-failure-log'],
  'the last failure of sender {string} at site {site} names {string} in region {string} with code {string}':
    ['sender-failure-log'],
  'sender {string} is rebalanced on every member of site {site}': ['sender-rebalance'],
  // Buckets of partitioned regions.
  'every bucket of region {string} at site {site} eventually has a primary and {int} redundant copy/copies':
    ['bucket-status'],
  'the primary buckets of region {string} at site {site} are eventually spread evenly over {int} members':
    ['bucket-status'],
  'member {string} is eventually primary of no bucket of region {string} at site {site}': [
    'bucket-status',
  ],
  'the bucket primaries of region {string} at site {site} are recorded': ['bucket-status'],
  'member {string} is still primary of the buckets recorded for it in region {string}': [
    'bucket-status',
  ],
  'sender {string} on member {string} reports as dropped exactly the entries with prefix {string} of its primary buckets':
    ['dropped-events-log'],
  // A member started alone.
  'a member process starts with a sender that has:': ['config-probe'],
  // Regions and senders destroyed, closed and created again at runtime (issue 15).
  'region {string} is destroyed at site {site}': ['runtime-destroy'],
  'region {string} is destroyed at site {site} after at least {int} puts returned': [
    'runtime-destroy',
  ],
  'region {string} is closed on member {string} after at least {int} puts returned': [
    'runtime-destroy',
  ],
  'region {string} is created again at site {site}': ['runtime-destroy'],
  'region {string} is created again on member {string}': ['runtime-destroy'],
  'I destroy sender {string} at site {site}': ['runtime-destroy'],
  'sender {string} exists on no member of site {site}': ['runtime-destroy'],
  'the last failure of sender {string} at site {site} is in region {string} with code {string}': [
    'sender-failure-log',
  ],
};

/** What a topology itself needs: its resolver modules, its skewed clocks. */
export function topologyNeeds(topology: {
  authentication?: boolean;
  tls?: boolean;
  sites: ReadonlyArray<{
    clockOffsetMs: number;
    regions: ReadonlyArray<{
      type: string;
      senderIds: readonly string[];
      parallelSenders: string;
      conflict: { resolver?: unknown };
    }>;
    senders: ReadonlyArray<{ id: string; parallel: boolean }>;
  }>;
}): Capability[] {
  const needs = new Set<Capability>();
  if (topology.authentication) needs.add('site-authentication');
  if (topology.tls) needs.add('tls');
  for (const site of topology.sites) {
    if (site.clockOffsetMs !== 0) needs.add('clock-offset');
    if (site.regions.some((r) => r.conflict.resolver !== undefined)) needs.add('custom-resolver');
    const parallel = new Set(site.senders.filter((s) => s.parallel).map((s) => s.id));
    const hashed = site.regions.some(
      (r) =>
        (r.type === 'normal' || r.type === 'preloaded') &&
        r.parallelSenders === 'accept' &&
        r.senderIds.some((id) => parallel.has(id)),
    );
    if (hashed) needs.add('normal-region-parallel-sender');
  }
  return [...needs];
}

/** A scenario as the needs check sees it: its steps (text and matched expression). */
export interface ScenarioSteps {
  steps: ReadonlyArray<{ text: string; expression: string | undefined }>;
}

const CHAOS_EXPERIMENT = /^the chaos experiment "([^"]+)" runs for/;
const AD_HOC_FAULTS = /under random (.+) faults/;

/**
 * Everything a scenario needs of its engine: what its steps read (STEP_NEEDS), what its
 * topology needs (resolver modules, skewed clocks) and what its chaos runs' faults and
 * checkers act through. `@needs:` tags must name exactly these.
 */
export function scenarioNeeds(
  scenario: ScenarioSteps,
  context: {
    topology: (name: string) => Parameters<typeof topologyNeeds>[0];
    experiment: (name: string) => Capability[];
    adHoc: (families: string[]) => Capability[];
    topologyOf: (steps: ReadonlyArray<{ text: string }>) => string | undefined;
  },
): Capability[] {
  const needs = new Set<Capability>();
  for (const step of scenario.steps) {
    for (const need of STEP_NEEDS[step.expression ?? ''] ?? []) needs.add(need);
    const experiment = CHAOS_EXPERIMENT.exec(step.text)?.[1];
    if (experiment) for (const need of context.experiment(experiment)) needs.add(need);
    const families = AD_HOC_FAULTS.exec(step.text)?.[1];
    if (families) for (const need of context.adHoc(families.split(/, | and /))) needs.add(need);
  }
  const topology = context.topologyOf(scenario.steps);
  if (topology) for (const need of topologyNeeds(context.topology(topology))) needs.add(need);
  return [...needs].sort();
}
