import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/project-root.js';
import { schemaFiles } from './json-schemas.js';

/** `npm run schemas`: writes schemas/*.schema.json from the TypeBox schemas. */
for (const file of schemaFiles()) {
  writeFileSync(join(projectRoot(), file.path), file.text);
  process.stdout.write(`wrote ${file.path}\n`);
}
