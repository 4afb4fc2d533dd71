import { formatIssues, type LocatedSpecIssue } from '../config/yaml-spec.js';
import { HarnessError } from '../errors.js';

/** A mutant file that does not validate: every issue with file, line, column and field. */
export class MutantError extends HarnessError {
  readonly file: string;
  readonly issues: LocatedSpecIssue[];

  constructor(file: string, issues: LocatedSpecIssue[]) {
    super(
      'WANLAB_MUTANT_INVALID',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in mutant ${file}:\n${formatIssues(file, issues)}`,
      'fix the fields above; docs/mutation.md describes every mutant field',
    );
    this.file = file;
    this.issues = issues;
  }
}
