import { CloneType, type TSchema } from '@sinclair/typebox';

/**
 * A copy of a shared schema with the description of the field that uses it: the published
 * JSON Schemas (schemas/) describe every field, and editors show the text on hover.
 */
export function described<T extends TSchema>(schema: T, description: string): T {
  return CloneType(schema, { description });
}
