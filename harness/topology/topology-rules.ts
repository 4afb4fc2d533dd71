import {
  colocationIssues,
  receiverIssues,
  regionIssues,
  SENDER_DEFAULTS,
  TOTAL_BUCKETS_DEFAULT,
  senderDefinition,
  senderDifferences,
  senderIssues,
  type ConfigIssue,
  type SenderConfig,
  type SenderDefinition,
} from '../../contract/index.js';
import { isKnownEngine, knownEngines } from '../engines/index.js';
import { ENGINE_TUNING_DEFAULTS } from './model.js';
import type { TopologyIssue } from './topology-error.js';
import type { MemberSenderSpec, SenderSpec, SiteSpec, TopologySpec } from './topology-schema.js';
import type { PathSegment } from './yaml-locations.js';

/** Checks a schema-valid topology for what the schema cannot say. */
export function topologyIssues(spec: TopologySpec): TopologyIssue[] {
  return [
    ...knownEngine(spec),
    ...memberTimeoutAboveHeartbeat(spec),
    ...uniqueSites(spec),
    ...uniqueProcessNames(spec),
    ...locatorsRequired(spec),
    ...secretsNeedAuthentication(spec),
    ...tlsFilesNeedTls(spec),
    ...spec.sites.flatMap((site, index) => siteIssues(spec, site, ['sites', index])),
  ];
}

export function findSite(spec: TopologySpec, ref: string | number): SiteSpec | undefined {
  return spec.sites.find((site) => (typeof ref === 'number' ? site.id === ref : site.name === ref));
}

export function memberName(member: SiteSpec['members'][number]): string {
  return typeof member === 'string' ? member : member.name;
}

export function locatorNames(site: SiteSpec): string[] {
  return site.locators ?? [`${site.name}-locator`];
}

/** `engine: <name>` or `engine: {name}` must name an engine the harness has a driver for. */
function knownEngine(spec: TopologySpec): TopologyIssue[] {
  const named = typeof spec.engine === 'string' ? spec.engine : spec.engine?.name;
  if (named === undefined || isKnownEngine(named)) return [];
  return [
    {
      path: typeof spec.engine === 'string' ? ['engine'] : ['engine', 'name'],
      message: `unknown engine "${named}"`,
      hint: `known engines: ${knownEngines().join(', ')}`,
    },
  ];
}

/** TLS files with TLS off would be silently unused. */
function tlsFilesNeedTls(spec: TopologySpec): TopologyIssue[] {
  if (spec.security?.tls === true) return [];
  return spec.sites.flatMap((site, index) =>
    site.security?.tls === undefined
      ? []
      : [
          {
            path: ['sites', index, 'security', 'tls'],
            message: 'TLS files are given but TLS is off',
            hint: 'add `security: { tls: true }` at the top of the topology, or remove the files',
          },
        ],
  );
}

/** A site secret with authentication off would be silently unused. */
function secretsNeedAuthentication(spec: TopologySpec): TopologyIssue[] {
  if (spec.security?.authentication === true) return [];
  return spec.sites.flatMap((site, index) =>
    site.security?.secret === undefined
      ? []
      : [
          {
            path: ['sites', index, 'security', 'secret'],
            message: 'a site secret is given but authentication is off',
            hint: 'add `security: { authentication: true }` at the top of the topology, or remove the secret',
          },
        ],
  );
}

/** A member silent for memberTimeoutMs leaves its site: it must outlast a heartbeat. */
function memberTimeoutAboveHeartbeat(spec: TopologySpec): TopologyIssue[] {
  const tuning = typeof spec.engine === 'object' ? spec.engine : {};
  const heartbeatMs =
    tuning.memberHeartbeatIntervalMs ?? ENGINE_TUNING_DEFAULTS.memberHeartbeatIntervalMs;
  const timeoutMs = tuning.memberTimeoutMs ?? ENGINE_TUNING_DEFAULTS.memberTimeoutMs;
  if (timeoutMs > 2 * heartbeatMs) return [];
  return [
    {
      path: [
        'engine',
        tuning.memberTimeoutMs === undefined ? 'memberHeartbeatIntervalMs' : 'memberTimeoutMs',
      ],
      message: `memberTimeoutMs (${timeoutMs} ms) must be more than twice memberHeartbeatIntervalMs (${heartbeatMs} ms): members would leave their site between heartbeats`,
      hint: 'raise memberTimeoutMs or lower memberHeartbeatIntervalMs',
    },
  ];
}

function uniqueSites(spec: TopologySpec): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  spec.sites.forEach((site, index) => {
    const first = spec.sites.findIndex((other) => other.id === site.id);
    if (first !== index) {
      issues.push({
        path: ['sites', index, 'id'],
        message: `distributed-system-id ${site.id} is already used by site "${spec.sites[first]!.name}"`,
        hint: 'give every site its own id (DISC-1)',
      });
    }
    const sameName = spec.sites.findIndex((other) => other.name === site.name);
    if (sameName !== index) {
      issues.push({
        path: ['sites', index, 'name'],
        message: `site name "${site.name}" is used twice`,
        hint: 'rename one site',
      });
    }
  });
  return issues;
}

function uniqueProcessNames(spec: TopologySpec): TopologyIssue[] {
  const seen = new Map<string, string>();
  const issues: TopologyIssue[] = [];
  const check = (name: string, path: PathSegment[]): void => {
    const previous = seen.get(name);
    if (previous) {
      issues.push({
        path,
        message: `name "${name}" is already used by ${previous}`,
        hint: 'member and locator names must be unique in a topology',
      });
    }
    seen.set(name, previous ?? path.join('.'));
  };
  spec.sites.forEach((site, s) => {
    locatorNames(site).forEach((name, l) =>
      check(name, site.locators ? ['sites', s, 'locators', l] : ['sites', s]),
    );
    site.members.forEach((member, m) => check(memberName(member), ['sites', s, 'members', m]));
  });
  return issues;
}

function locatorsRequired(spec: TopologySpec): TopologyIssue[] {
  if (spec.sites.length < 2) return [];
  return spec.sites.flatMap((site, index) =>
    site.locators && site.locators.length === 0
      ? [
          {
            path: ['sites', index, 'locators'] as PathSegment[],
            message: `site "${site.name}" has no locator, but a multi-site topology discovers remote sites through locators`,
            hint: 'give every site at least one locator, or remove `locators: []` to get the default one (DISC-7)',
          },
        ]
      : [],
  );
}

function siteIssues(spec: TopologySpec, site: SiteSpec, at: PathSegment[]): TopologyIssue[] {
  const senders = new Map<string, SenderSpec>();
  const issues: TopologyIssue[] = [];
  (site.senders ?? []).forEach((sender, index) => {
    const path = [...at, 'senders', index];
    if (senders.has(sender.id))
      issues.push({
        path: [...path, 'id'],
        message: `sender id "${sender.id}" is used twice in this site`,
        hint: 'rename one sender',
      });
    senders.set(sender.id, sender);
    issues.push(...remoteSiteIssues(spec, site, sender, path));
    const merged = { ...SENDER_DEFAULTS, ...spec.defaults?.sender, ...sender };
    issues.push(...senderIssues(merged).map((issue) => located(path, issue)));
  });
  (site.regions ?? []).forEach((region, index) => {
    const merged = {
      type: region.type ?? 'replicated',
      senderIds: region.senders ?? [],
      parallelSenders: region.parallelSenders ?? 'accept',
    };
    const parallel = new Map(
      [...senders].map(([id, s]) => [
        id,
        { parallel: s.parallel ?? spec.defaults?.sender?.parallel ?? false },
      ]),
    );
    issues.push(
      ...regionIssues(merged, parallel).map((issue) =>
        located([...at, 'regions', index], {
          ...issue,
          path: issue.path.replace(/^senderIds/, 'senders'),
        }),
      ),
    );
  });
  issues.push(...siteColocationIssues(spec, site, senders, at));
  issues.push(...memberSenderIssues(spec, site, senders, at));
  issues.push(...remoteSitesIssues(spec, site, at));
  const range = site.receiver?.portRange ?? spec.defaults?.receiver?.portRange;
  if (range) {
    const rangePath = site.receiver?.portRange
      ? [...at, 'receiver', 'portRange']
      : ['defaults', 'receiver', 'portRange'];
    issues.push(
      ...receiverIssues({ startPort: range.start, endPort: range.end }).map((issue) => ({
        path: [...rangePath, 'start'],
        message: issue.message,
        hint: 'make portRange.start less than or equal to portRange.end',
      })),
    );
  }
  return issues;
}

function siteColocationIssues(
  spec: TopologySpec,
  site: SiteSpec,
  senders: ReadonlyMap<string, SenderSpec>,
  at: PathSegment[],
): TopologyIssue[] {
  const regions = (site.regions ?? []).map((region) => ({
    name: region.name,
    type: region.type ?? 'replicated',
    totalBuckets: region.totalBuckets ?? TOTAL_BUCKETS_DEFAULT,
    redundantCopies: region.redundantCopies ?? 0,
    colocatedWith: region.colocatedWith,
    senderIds: region.senders ?? [],
  }));
  const defaultParallel = spec.defaults?.sender?.parallel ?? false;
  const parallel = new Set(
    [...senders].filter(([, s]) => s.parallel ?? defaultParallel).map(([id]) => id),
  );
  return colocationIssues(regions, parallel).map((issue) =>
    located([...at, 'regions'], { ...issue, path: issue.path.replace('senderIds', 'senders') }),
  );
}

function remoteSiteIssues(
  spec: TopologySpec,
  site: SiteSpec,
  sender: SenderSpec,
  path: PathSegment[],
): TopologyIssue[] {
  const remote = findSite(spec, sender.remoteSite);
  if (!remote) {
    return [
      {
        path: [...path, 'remoteSite'],
        message: `sender "${sender.id}" targets site ${JSON.stringify(sender.remoteSite)}, which is not defined`,
        hint: `use one of: ${spec.sites.map((s) => `${s.name} (${s.id})`).join(', ')}`,
      },
    ];
  }
  if (remote === site) {
    return [
      {
        path: [...path, 'remoteSite'],
        message: `sender "${sender.id}" targets its own site`,
        hint: 'a gateway sender sends to another site',
      },
    ];
  }
  if (remote.members.every((member) => typeof member !== 'string' && member.receiver === false)) {
    return [
      {
        path: [...path, 'remoteSite'],
        message: `sender "${sender.id}" targets site "${remote.name}", which has no gateway receiver (every member says receiver: false): its queue would wait forever`,
        hint: `let a member of site "${remote.name}" host the receiver (remove its \`receiver: false\`), or remove the sender`,
      },
    ];
  }
  return [];
}

function memberSenderIssues(
  spec: TopologySpec,
  site: SiteSpec,
  senders: Map<string, SenderSpec>,
  at: PathSegment[],
): TopologyIssue[] {
  return site.members.flatMap((member, m) => {
    if (typeof member === 'string') return [];
    const memberAt = [...at, 'members', m];
    const issues: TopologyIssue[] = [];
    if (member.site !== undefined && member.site !== site.name) {
      issues.push({
        path: [...memberAt, 'site'],
        message: `member "${member.name}" names site "${member.site}", but it is listed under site "${site.name}"`,
        hint: `move the member under site "${member.site}", or remove its \`site\` field`,
      });
    }
    (member.senders ?? []).forEach((entry, i) => {
      const id = typeof entry === 'string' ? entry : entry.id;
      const path = [...memberAt, 'senders', i];
      const definition = senders.get(id);
      if (!definition) {
        issues.push({
          path: typeof entry === 'string' ? path : [...path, 'id'],
          message: `member "${member.name}" hosts sender "${id}", which this site does not define`,
          hint: 'define the sender under the site `senders`',
        });
        return;
      }
      if (typeof entry !== 'string') {
        issues.push(...memberDefinitionIssues(spec, member.name, definition, entry, path));
      }
    });
    return issues;
  });
}

/** A member's own attributes for a sender may not change what the sender is (site-compat.ts). */
function memberDefinitionIssues(
  spec: TopologySpec,
  member: string,
  site: SenderSpec,
  own: MemberSenderSpec,
  path: PathSegment[],
): TopologyIssue[] {
  const resolve = (sender: Omit<SenderSpec, 'id'>): SenderDefinition =>
    senderDefinition({
      ...SENDER_DEFAULTS,
      ...spec.defaults?.sender,
      ...sender,
      id: own.id,
      remoteDistributedSystemId: findSite(spec, sender.remoteSite ?? site.remoteSite)?.id ?? -1,
    } as SenderConfig);
  const siteDefinition = resolve(site);
  const memberDefinition = resolve({ ...site, ...own });
  const differences = senderDifferences(memberDefinition, siteDefinition).map((d) => ({
    path: [...path, d.field === 'remoteDistributedSystemId' ? 'remoteSite' : d.field],
    message: `member "${member}" defines sender "${own.id}" with ${d.field} ${JSON.stringify(d.mine)}, but its site defines it with ${JSON.stringify(d.theirs)}`,
    hint: 'every member of a site must define a sender the same way (parallel, remote site, persistence, conflation, order policy of a serial sender); set it on the site',
  }));
  const rules = senderIssues({ ...SENDER_DEFAULTS, ...spec.defaults?.sender, ...site, ...own });
  return [...differences, ...rules.map((issue) => located(path, issue))];
}

function remoteSitesIssues(spec: TopologySpec, site: SiteSpec, at: PathSegment[]): TopologyIssue[] {
  return (site.remoteSites ?? []).flatMap((ref, i) => {
    const remote = findSite(spec, ref);
    if (remote && remote !== site) return [];
    return [
      {
        path: [...at, 'remoteSites', i],
        message: remote
          ? 'a site cannot name itself as a remote site'
          : `remote site ${JSON.stringify(ref)} is not defined`,
        hint: `use one of: ${spec.sites
          .filter((s) => s !== site)
          .map((s) => s.name)
          .join(', ')}`,
      },
    ];
  });
}

function located(path: PathSegment[], issue: ConfigIssue): TopologyIssue {
  const relative = issue.path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((s) => (/^[0-9]+$/.test(s) ? Number(s) : s));
  return { path: [...path, ...relative], message: issue.message, hint: issue.hint };
}
