import { formatIssues, type LocatedSpecIssue } from '../config/yaml-spec.js';
import { HarnessError } from '../errors.js';

/** An experiment file that does not validate: every issue with file, line, column and field. */
export class ExperimentError extends HarnessError {
  readonly file: string;
  readonly issues: LocatedSpecIssue[];

  constructor(file: string, issues: LocatedSpecIssue[]) {
    super(
      'WANLAB_EXPERIMENT_INVALID',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in experiment ${file}:\n${formatIssues(file, issues)}`,
      'fix the fields above; docs/chaos.md describes every experiment field',
    );
    this.file = file;
    this.issues = issues;
  }
}
