import { parseDocument } from 'yaml';

/**
 * Turns the text of a configuration file into plain data, or into one
 * message that says where the syntax breaks ("line 4, column 3: …"), for
 * YAML and JSON alike. Node's JSON.parse names a position for some mistakes
 * and none for others, so JSON errors are located by a small scanner of our own.
 */

export type ConfigFormat = 'json' | 'yaml';
export type TextParsed = { ok: true; data: unknown } | { ok: false; message: string };

/** The format a file name asks for: .json, .yaml or .yml (any case); null for anything else. */
export function configFormatOf(path: string): ConfigFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return null;
}

/** Parses the text; an empty file (or only comments) is an empty mapping, i.e. all defaults. */
export function parseConfigText(text: string, format: ConfigFormat): TextParsed {
  const source = text.replace(/^\uFEFF/, '');
  return format === 'json' ? parseJson(source) : parseYaml(source);
}

function parseYaml(text: string): TextParsed {
  const document = parseDocument(text, { prettyErrors: true });
  const [error] = document.errors;
  if (error) {
    const position = error.linePos?.[0];
    const summary = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
    return { ok: false, message: position ? `line ${position.line}, column ${position.col}: ${summary}` : summary };
  }
  const data: unknown = document.toJS();
  return { ok: true, data: data ?? {} };
}

function parseJson(text: string): TextParsed {
  if (text.trim() === '') return { ok: true, data: {} };
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text);
    if (!found) return { ok: false, message: error instanceof Error ? error.message : String(error) };
    const before = text.slice(0, found.offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return { ok: false, message: `line ${line}, column ${column}: ${found.message}` };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where the first JSON syntax error is, with what was expected there; null if the text is valid JSON. */
export function locateJsonError(text: string): { offset: number; message: string } | null {
  let at = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(at, message);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const string = () => {
    at += 1;
    for (;;) {
      if (at >= text.length) fail('unterminated string');
      const char = text.charAt(at);
      if (char === '"') break;
      if (char < ' ') fail('control character in a string (write \\n, \\t …)');
      if (char === '\\') {
        const escape = /^\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(at, at + 6));
        if (!escape) fail('invalid escape in a string');
        at += escape?.[0].length ?? 0;
      } else at += 1;
    }
    at += 1;
  };
  const literal = () => {
    const match = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(at));
    if (!match) fail(at >= text.length ? 'unexpected end of file: a value is missing' : 'expected a value: a "string", a number, true, false, null, {…} or […]');
    at += match?.[0].length ?? 0;
  };
  const list = (close: string, item: () => void) => {
    at += 1;
    space();
    if (text.charAt(at) === close) return void (at += 1);
    for (;;) {
      item();
      space();
      if (text.charAt(at) === close) return void (at += 1);
      if (text.charAt(at) !== ',') fail(`expected , or ${close}`);
      const comma = at;
      at += 1;
      space();
      if (text.charAt(at) === close) {
        at = comma;
        fail('trailing comma: JSON allows no comma before a closing bracket');
      }
    }
  };
  const value = (): void => {
    space();
    const char = text.charAt(at);
    if (char === '{') {
      list('}', () => {
        space();
        if (text.charAt(at) !== '"') fail('expected a key in double quotes');
        string();
        space();
        if (text.charAt(at) !== ':') fail('expected : after the key');
        at += 1;
        value();
      });
    } else if (char === '[') list(']', value);
    else if (char === '"') string();
    else literal();
  };
  try {
    value();
    space();
    if (at < text.length) fail('unexpected text after the end of the JSON value');
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}
