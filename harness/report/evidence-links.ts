/**
 * Links into the cucumber HTML report, which sits next to the conformance reports. Its search
 * box reads `?query=`: a query made only of tags, `and`, `or`, `not` and parentheses is a tag
 * expression evaluated on each scenario's tags (exact); any other text is a fuzzy full-text
 * search over feature, scenario and step text (it shows every feature with a similar word).
 * So a scenario is opened exactly by a tag expression only it satisfies.
 */
export const CUCUMBER_HTML = 'cucumber.html';

export function clauseEvidenceUrl(clauseId: string): string {
  return `${CUCUMBER_HTML}?query=${encodeURIComponent(`@clause:${clauseId}`)}`;
}

/** The fuzzy search by name: only for a scenario whose run did not say which tags it had. */
export function scenarioEvidenceUrl(scenarioName: string): string {
  return `${CUCUMBER_HTML}?query=${encodeURIComponent(scenarioName)}`;
}

/** A link to a scenario: exact when the run gave it one (see scenarioTagQuery). */
export function scenarioLink(scenario: { name: string; evidence?: string }): string {
  return scenario.evidence ?? scenarioEvidenceUrl(scenario.name);
}

export interface TagQuery {
  /** `@a and @b and not @c`: the scenario's tags, and one tag of each other scenario that has them all. */
  expression: string;
  /** How many scenarios of the run it selects: 1 unless others carry exactly the same tags. */
  matches: number;
}

/**
 * The narrowest tag expression for one scenario among a run's scenarios: every tag it has,
 * and `not` one extra tag of each other scenario that has all of them. It selects this
 * scenario alone unless another has exactly the same tags (rows of one Examples table): then
 * it selects those and no more. Undefined for a scenario without tags.
 */
export function scenarioTagQuery(
  tags: readonly string[],
  others: ReadonlyArray<readonly string[]>,
): TagQuery | undefined {
  const own = [...new Set(tags)].sort();
  if (own.length === 0) return undefined;
  const excluded = new Set<string>();
  let matches = 1;
  for (const other of others) {
    const theirs = new Set(other);
    if (!own.every((tag) => theirs.has(tag))) continue;
    const extra = [...theirs].filter((tag) => !own.includes(tag)).sort();
    if (extra.length === 0) matches += 1;
    else if (!extra.some((tag) => excluded.has(tag))) excluded.add(extra[0]!);
  }
  const expression = [
    ...own.map(escapeTag),
    ...[...excluded].sort().map((tag) => `not ${escapeTag(tag)}`),
  ].join(' and ');
  return { expression, matches };
}

/** Tag expressions escape `\`, `(` and `)` in a tag with a backslash. */
function escapeTag(tag: string): string {
  return tag.replace(/[\\()]/g, (c) => `\\${c}`);
}

export function tagQueryUrl(query: TagQuery): string {
  return `${CUCUMBER_HTML}?query=${encodeURIComponent(query.expression)}`;
}

/** The cucumber reports a conformance report links to, as [label, href]. */
export function cucumberReports(report: {
  shardReports?: readonly string[];
  shard?: { index: number; count: number };
}): Array<[string, string]> {
  if (!report.shardReports) {
    const label = report.shard
      ? `cucumber report of shard ${report.shard.index}/${report.shard.count}`
      : 'cucumber report';
    return [[label, CUCUMBER_HTML]];
  }
  return report.shardReports.map((href) => [
    `cucumber report of shard ${href.split('/')[1] ?? href}`,
    href,
  ]);
}

/** What a shard's own report says of itself. */
export function shardNote(shard: { index: number; count: number }): string {
  return `Shard ${shard.index}/${shard.count} of a sharded run: a clause without a scenario in this shard is uncovered here; \`wanlab report merge\` judges every clause from all the shards.`;
}

/** `chaos/<run>/report.html` -> `<run>`. */
export function chaosRunName(report: string): string {
  return report.split('/').at(-2) ?? report;
}

/**
 * Every scenario of a clause in the cucumber report that holds them: cucumber.html, or after
 * `wanlab report merge` the first scenario's shard report (the scenario links stay exact).
 */
export function clauseLink(
  clauseId: string,
  scenarios: ReadonlyArray<{ evidence?: string }>,
): string {
  const html = scenarios[0]?.evidence?.split('?')[0] ?? CUCUMBER_HTML;
  return clauseEvidenceUrl(clauseId).replace(CUCUMBER_HTML, html);
}
