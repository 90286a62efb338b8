/** Primitive Block Kit checks shared by the block and element rules. */

export interface Checker {
  readonly errors: string[];
  /** block_id and action_id must each be unique across one message or view. */
  readonly blockIds: Set<string>;
  readonly actionIds: Set<string>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function problem(checker: Checker, pointer: string, message: string): void {
  checker.errors.push(`${message} [json-pointer:${pointer}]`);
}

function missing(checker: Checker, pointer: string): void {
  const field = pointer.slice(pointer.lastIndexOf('/') + 1);
  problem(checker, pointer, `missing required field: ${field}`);
}

/** Slack's limits count characters, so an emoji is one, not two UTF-16 units. */
function charCount(text: string): number {
  return [...text].length;
}

export function checkString(
  checker: Checker,
  value: unknown,
  pointer: string,
  rule: { max: number; required?: boolean; nonEmpty?: boolean },
): void {
  if (value === undefined) {
    if (rule.required) missing(checker, pointer);
    return;
  }
  if (typeof value !== 'string') {
    problem(checker, pointer, 'must be a string');
    return;
  }
  if (rule.nonEmpty && value.length === 0) problem(checker, pointer, 'must be more than 0 characters');
  if (charCount(value) > rule.max) problem(checker, pointer, `must be less than ${rule.max + 1} characters`);
}

/** Returns whether `value` is an array, so callers know whether to look at its items. */
export function checkArray(
  checker: Checker,
  value: unknown,
  pointer: string,
  rule: { min: number; max: number; required?: boolean },
): boolean {
  if (value === undefined) {
    if (rule.required) missing(checker, pointer);
    return false;
  }
  if (!Array.isArray(value)) {
    problem(checker, pointer, 'must provide an array');
    return false;
  }
  if (value.length < rule.min) problem(checker, pointer, `must provide at least ${rule.min} items`);
  if (value.length > rule.max) problem(checker, pointer, `must provide no more than ${rule.max} items`);
  return true;
}

export function checkText(
  checker: Checker,
  value: unknown,
  pointer: string,
  rule: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (rule.required) missing(checker, pointer);
    return;
  }
  if (!isRecord(value)) {
    problem(checker, pointer, 'must provide a text object');
    return;
  }
  const type = value['type'];
  if (rule.plainOnly && type !== 'plain_text') {
    problem(checker, `${pointer}/type`, 'must be "plain_text"');
  } else if (type !== 'plain_text' && type !== 'mrkdwn') {
    problem(checker, `${pointer}/type`, 'must be "plain_text" or "mrkdwn"');
  }
  // Slack rejects these flags on the other text type; a classic cause of invalid_blocks.
  if (type === 'mrkdwn' && 'emoji' in value) problem(checker, pointer, 'invalid additional property: emoji');
  if (type === 'plain_text' && 'verbatim' in value) problem(checker, pointer, 'invalid additional property: verbatim');
  checkString(checker, value['text'], `${pointer}/text`, { max: rule.max, required: true, nonEmpty: true });
}
