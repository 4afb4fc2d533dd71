import type { ErrorBody } from '../contract/errors.js';
/**
 * Every error the engine raises on purpose carries a stable code (the contract's catalogue,
 * contract/errors.ts), what went wrong, and a hint on how to fix it.
 */
export type { EngineErrorCode } from '../contract/errors.js';
import type { EngineErrorCode } from '../contract/errors.js';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly hint: string;

  constructor(code: EngineErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}

export function errorMessage(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
