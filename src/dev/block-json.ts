/**
 * Reading Block Kit JSON that has not been validated: the dev renderers take
 * whatever a builder produced and must not throw on a shape they do not know.
 */

export type Json = Record<string, unknown>;

/** True for a plain object (not null, not an array). */
export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is an array, otherwise an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a string, otherwise undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
