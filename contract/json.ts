import { Type } from '@sinclair/typebox';

/** Any JSON value: what regions store and events carry. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A schema that accepts any JSON value, typed as JsonValue. */
export const JsonValueSchema = Type.Unsafe<JsonValue>({ description: 'any JSON value' });
