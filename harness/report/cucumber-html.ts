import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { gherkinNodeIndex, type DryRunEnvelope } from '../features/messages.js';

interface Envelope extends Pick<DryRunEnvelope, 'gherkinDocument'> {
  pickle?: { uri: string; astNodeIds: string[]; tags: Array<{ name: string; astNodeId: string }> };
}

/**
 * The tag cucumber.html knows each scenario by, `@scenario:<uri>:<line>`: added to the
 * pickles (not to the feature files) when wanlab writes cucumber.html, so that a link with
 * this tag as its query opens that scenario alone even where no tag of its own tells it apart
 * (the rows of an Examples table, two scenarios with the same tags).
 */
export function scenarioTag(uri: string, line: number): string {
  // a tag has no white space; tag expressions would need `(`, `)` and `\` escaped
  return `@scenario:${uri.replace(/[\s()\\]/g, '_')}:${line}`;
}

/**
 * Writes cucumber.html from the run's message stream, as cucumber's html formatter does,
 * with each scenario's `@scenario:` tag added.
 */
export async function writeCucumberHtml(messagesFile: string, htmlFile: string): Promise<void> {
  const envelopes = readFileSync(messagesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
  const nodes = gherkinNodeIndex(envelopes);
  const tagged = envelopes.map((envelope) => {
    const { pickle } = envelope;
    if (!pickle) return envelope;
    const line = nodes.get(pickle.astNodeIds.at(-1) ?? '')?.line ?? 0;
    const tag = { name: scenarioTag(pickle.uri, line), astNodeId: pickle.astNodeIds[0] ?? '' };
    return { ...envelope, pickle: { ...pickle, tags: [...pickle.tags, tag] } };
  });
  await pipeline(
    Readable.from(tagged, { objectMode: true }),
    new CucumberHtmlStream(),
    createWriteStream(htmlFile),
  );
}
