/**
 * Prometheus text exposition format 0.0.4: `# HELP`, `# TYPE`, then one sample a line.
 * https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const escapeHelp = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

const escapeLabel = (text: string): string =>
  text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function sampleLine(name: string, sample: Sample): string {
  const labels = Object.entries(sample.labels)
    .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
    .join(',');
  const value = Number.isFinite(sample.value) ? String(sample.value) : 'NaN';
  return `${name}${labels ? `{${labels}}` : ''} ${value}`;
}

/** Families in the order given; a family without samples is left out. */
export function exposition(families: readonly MetricFamily[]): string {
  return families
    .filter((family) => family.samples.length > 0)
    .map((family) => `${familyText(family)}\n`)
    .join('');
}

function familyText(family: MetricFamily): string {
  return [
    `# HELP ${family.name} ${escapeHelp(family.help)}`,
    `# TYPE ${family.name} ${family.type}`,
    ...family.samples.map((sample) => sampleLine(family.name, sample)),
  ].join('\n');
}

/** camelCase to snake_case: `batchesDistributed` → `batches_distributed`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
