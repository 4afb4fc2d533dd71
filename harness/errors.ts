/**
 * Errors the harness raises for a user's mistake or an environment problem: a stable code,
 * what is wrong and where, and how to fix it. The CLI prints them without a stack trace and
 * exits with `exitCode`.
 */
export type HarnessErrorCode =
  | 'WANLAB_TOPOLOGY_INVALID'
  | 'WANLAB_TOPOLOGY_UNREADABLE'
  | 'WANLAB_TOOL_MISSING'
  | 'WANLAB_TLS_FAILED'
  | 'WANLAB_MEMBER_START_FAILED'
  | 'WANLAB_TOXIPROXY_FAILED'
  | 'WANLAB_USAGE'
  | 'WANLAB_UNKNOWN_TARGET'
  | 'WANLAB_CONTROL_API'
  | 'WANLAB_TIMEOUT'
  | 'WANLAB_DOCKER_UNAVAILABLE'
  | 'WANLAB_IMAGE_BUILD_FAILED'
  | 'WANLAB_CATALOGUE_INVALID'
  | 'WANLAB_FEATURE_INVALID'
  | 'WANLAB_EXPERIMENT_INVALID'
  | 'WANLAB_MUTANT_INVALID'
  | 'WANLAB_MUTATE_FAILED'
  | 'WANLAB_EXPERIMENT_UNREADABLE'
  | 'WANLAB_HISTORY_INVALID'
  | 'WANLAB_ENGINE_UNSUPPORTED'
  | 'WANLAB_REPORT_UNREADABLE'
  | 'WANLAB_NOT_RUNNING';

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly hint: string;
  readonly exitCode: number;

  constructor(
    code: HarnessErrorCode,
    message: string,
    hint: string,
    options?: { cause?: unknown; exitCode?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HarnessError';
    this.code = code;
    this.hint = hint;
    this.exitCode = options?.exitCode ?? 2;
    // A user's mistake is shown as what is wrong and how to fix it, never as a stack trace,
    // also where a runner (cucumber) prints `stack`.
    if (this.exitCode === 2) this.stack = this.format();
  }

  format(): string {
    return `error ${this.code}: ${this.message}\nhint: ${this.hint}`;
  }
}

export function isHarnessError(value: unknown): value is HarnessError {
  return value instanceof HarnessError;
}

export function messageOf(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
