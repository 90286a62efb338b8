/**
 * Log lines are JSON, so a quote or a non-ASCII character in a leaked value
 * would be escaped in the raw line and slip past a plain substring search.
 * This decodes every line and searches its string values (and keys) instead.
 */
export function logLinesContaining(logs: readonly string[], needle: string): string[] {
  const wanted = needle.toLowerCase();
  return logs.filter((line) => {
    const decoded = decodedStrings(line).join('\n').toLowerCase();
    return decoded.includes(wanted) || line.toLowerCase().includes(wanted);
  });
}

function decodedStrings(line: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [line];
  }
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        out.push(key);
        walk(inner);
      }
    }
  };
  walk(parsed);
  return out;
}
