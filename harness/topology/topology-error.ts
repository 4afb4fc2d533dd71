import { HarnessError } from '../errors.js';
import { formatPath, type PathSegment, type SourceLocation } from './yaml-locations.js';

export interface TopologyIssue {
  path: PathSegment[];
  message: string;
  hint: string;
}

export interface LocatedIssue extends TopologyIssue {
  location: SourceLocation;
}

/** A topology that does not validate: every issue with file, line, column and field. */
export class TopologyError extends HarnessError {
  readonly file: string;
  readonly issues: LocatedIssue[];

  constructor(file: string, issues: LocatedIssue[]) {
    const lines = issues.map(
      (issue) =>
        `${file}:${issue.location.line}:${issue.location.column} ${formatPath(issue.path) || '(document)'}: ${issue.message}\n    hint: ${issue.hint}`,
    );
    super(
      'WANLAB_TOPOLOGY_INVALID',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in topology ${file}:\n${lines.join('\n')}`,
      'fix the fields above; docs/architecture.md describes every topology field',
    );
    this.file = file;
    this.issues = issues;
  }
}
