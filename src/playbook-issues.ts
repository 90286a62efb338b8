import { z } from 'zod';

/**
 * zod's issues as lines an operator can act on: the field as written in the
 * file ("moments.lifetime_spend.thresholds.USD[1]"), what it must be, and
 * what it was ("got \"lots\""). An unknown key is named with the closest
 * known key, since it is almost always a typo.
 */

/** One line per problem, without duplicates, in the order zod found them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): string[] {
  const lines = issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, issue.path);
      return issue.keys.map((key) => `${fieldName([...issue.path, key])}: unknown key${suggestion(key, known)}`);
    }
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    const got = issue.input === undefined ? '' : `, got ${show(issue.input)}`;
    const field = issue.path.length === 0 ? '' : `${fieldName(issue.path)}: `;
    const text = issue.path.length === 0 && issue.code === 'invalid_type' ? 'must be a mapping of settings such as "noise: { daily_cap: 20 }"' : message;
    return [`${field}${text}${got}`];
  });
  return [...new Set(lines)];
}

/** ["moments", "order_milestone", "counts", 2] → "moments.order_milestone.counts[2]". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

/** The value as it appeared in the file, short enough for one line. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** The keys the schema knows at `path`, looking through optional wrappers and transforms. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const key of [...path, null]) {
    for (;;) {
      if (node instanceof z.ZodOptional || node instanceof z.ZodNullable || node instanceof z.ZodDefault) node = node.unwrap();
      else if (node instanceof z.ZodPipe) node = node.in;
      else break;
    }
    if (!(node instanceof z.ZodObject)) return [];
    if (key === null) return Object.keys(node.shape);
    node = (node.shape as Record<string, unknown>)[String(key)];
  }
  return [];
}

function suggestion(key: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const [closest] = [...known].sort((a, b) => distance(key, a) - distance(key, b));
  if (closest !== undefined && distance(key, closest) <= Math.max(2, Math.floor(closest.length / 4))) return ` (did you mean ${closest}?)`;
  return ` (expected one of ${known.join(', ')})`;
}

/** Levenshtein distance, case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, index) => index);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}
