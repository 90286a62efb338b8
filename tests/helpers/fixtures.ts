import { readFileSync } from 'node:fs';

/** A parsed JSON object from a fixture or a payload under test. */
export type Json = Record<string, unknown>;

/**
 * Reads tests/fixtures/<folder>/<name>.
 * @returns the file's text, exactly as a sender would put it on the wire.
 */
export function readFixture(folder: string, name: string): string {
  return readFileSync(new URL(`../fixtures/${folder}/${name}`, import.meta.url), 'utf8');
}

/**
 * Parses a JSON fixture afresh on every call, so one case's edits never leak
 * into another.
 * @param edit changes the copy in place before it is returned.
 * @returns the parsed, edited copy.
 */
export function jsonFixture(folder: string, name: string, edit: (payload: Json) => void = () => {}): Json {
  const payload = JSON.parse(readFixture(folder, name)) as Json;
  edit(payload);
  return payload;
}
