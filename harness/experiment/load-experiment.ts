import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parseYamlSpec, type SpecFormat } from '../config/yaml-spec.js';
import { compileLater } from '../config/compile-later.js';
import { HarnessError, messageOf } from '../errors.js';
import { loadTopology } from '../topology/load-topology.js';
import { projectRoot } from '../util/project-root.js';
import { ExperimentError } from './experiment-error.js';
import { experimentIssues, targetIssues } from './experiment-rules.js';
import { ExperimentSchema, type ExperimentSpec } from './experiment-schema.js';
import type { Experiment } from './model.js';
import { resolveExperiment } from './resolve-experiment.js';

const EXPERIMENT_FORMAT: SpecFormat = {
  validator: compileLater(() =>
    new Ajv({ allErrors: true, strict: false, discriminator: true, verbose: true }).compile(
      ExperimentSchema,
    ),
  ),
  docs: 'docs/chaos.md',
  reject: (file, issues) => new ExperimentError(file, issues),
};

/** `link-flapping` (experiments/link-flapping.yaml) or a path to a .yaml file. */
export function experimentFile(ref: string): string {
  if (ref.endsWith('.yaml') || ref.endsWith('.yml') || ref.includes('/')) return ref;
  return join(projectRoot(), 'experiments', `${ref}.yaml`);
}

/** Reads, validates and resolves an experiment and its topology. Throws ExperimentError. */
export function loadExperiment(ref: string): Experiment {
  const file = experimentFile(ref);
  return parseExperiment(readText(file), file);
}

export function parseExperiment(text: string, file: string): Experiment {
  const { spec, locateAll } = parseYamlSpec<ExperimentSpec>(text, file, EXPERIMENT_FORMAT);
  const own = experimentIssues(spec);
  if (own.length > 0) throw new ExperimentError(file, locateAll(own));
  const topologyPath = topologyFile(spec.topology, file);
  if (!existsSync(topologyPath)) {
    throw new ExperimentError(
      file,
      locateAll([
        {
          path: ['topology'],
          message: `topology "${spec.topology}" not found (looked for ${topologyPath})`,
          hint: 'name a file of topologies/ without .yaml, or give a .yaml path relative to the experiment',
        },
      ]),
    );
  }
  const topology = loadTopology(topologyPath);
  const targets = targetIssues(spec, topology);
  if (targets.length > 0) throw new ExperimentError(file, locateAll(targets));
  return resolveExperiment(spec, file, text, topology);
}

function topologyFile(ref: string, experimentPath: string): string {
  if (ref.endsWith('.yaml') || ref.endsWith('.yml')) {
    return isAbsolute(ref) ? ref : resolve(dirname(experimentPath), ref);
  }
  return join(projectRoot(), 'topologies', `${ref}.yaml`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'WANLAB_EXPERIMENT_UNREADABLE',
      `cannot read experiment ${file}: ${messageOf(cause)}`,
      'name an experiment of experiments/ (e.g. link-flapping) or pass the path of a .yaml file',
      { cause },
    );
  }
}
