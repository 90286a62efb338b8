import { checkElement, ACTIONS_ELEMENTS, ACCESSORY_ELEMENTS, INPUT_ELEMENTS } from './block-kit-elements.js';
import { type Checker, checkArray, checkString, checkText, isRecord, problem } from './block-kit-checker.js';

/**
 * A subset of Slack's Block Kit schema: the limits a bot hits in practice.
 * Errors read like Slack's own (`<what is wrong> [json-pointer:/blocks/0/text/text]`)
 * and are all collected, because Slack reports every violation at once too.
 */

type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

export type BlocksVerdict =
  | { kind: 'valid'; blocks: unknown[] }
  /** Not an array at all: Slack answers `invalid_blocks_format` rather than `invalid_blocks`. */
  | { kind: 'malformed'; errors: string[] }
  | { kind: 'invalid'; errors: string[] };

/** `blocks` of chat.postMessage / chat.update / chat.postEphemeral / response_url payloads. */
export function checkMessageBlocks(blocks: unknown): BlocksVerdict {
  if (blocks === undefined || blocks === null || blocks === '') return { kind: 'valid', blocks: [] };
  if (!Array.isArray(blocks)) {
    return { kind: 'malformed', errors: ['must provide an array of blocks [json-pointer:/blocks]'] };
  }
  const checker = newChecker();
  checkBlockList(checker, blocks, '/blocks', 'message');
  return checker.errors.length === 0 ? { kind: 'valid', blocks } : { kind: 'invalid', errors: checker.errors };
}

/** The `view` argument of views.open / views.push / views.update / views.publish. */
export function checkView(view: unknown, allowedTypes: readonly Surface[]): string[] {
  const checker = newChecker();
  if (!isRecord(view)) {
    problem(checker, '/view', 'must provide an object');
    return checker.errors;
  }
  const type = view['type'];
  if (typeof type !== 'string' || !(allowedTypes as readonly string[]).includes(type)) {
    problem(checker, '/view/type', `must be one of: ${allowedTypes.join(', ')}`);
    return checker.errors;
  }
  const surface = type as Surface;
  if (surface === 'modal') checkModalChrome(checker, view);
  checkString(checker, view['private_metadata'], '/view/private_metadata', { max: 3000 });
  checkString(checker, view['callback_id'], '/view/callback_id', { max: 255 });
  checkString(checker, view['external_id'], '/view/external_id', { max: 255 });
  if (checkArray(checker, view['blocks'], '/view/blocks', { min: 0, max: MAX_BLOCKS[surface], required: true })) {
    checkBlockList(checker, view['blocks'] as unknown[], '/view/blocks', surface);
  }
  return checker.errors;
}

function checkModalChrome(checker: Checker, view: Record<string, unknown>): void {
  checkText(checker, view['title'], '/view/title', { max: 24, plainOnly: true, required: true });
  checkText(checker, view['submit'], '/view/submit', { max: 24, plainOnly: true });
  checkText(checker, view['close'], '/view/close', { max: 24, plainOnly: true });
  // Slack refuses a modal whose inputs could never be submitted.
  const blocks = Array.isArray(view['blocks']) ? view['blocks'] : [];
  const hasInput = blocks.some((block) => isRecord(block) && block['type'] === 'input');
  if (hasInput && view['submit'] === undefined) {
    problem(checker, '/view/submit', 'must provide submit when the view contains input blocks');
  }
}

function newChecker(): Checker {
  return { errors: [], blockIds: new Set(), actionIds: new Set() };
}

function checkBlockList(checker: Checker, blocks: unknown[], pointer: string, surface: Surface): void {
  const max = MAX_BLOCKS[surface];
  if (blocks.length > max) problem(checker, pointer, `must provide no more than ${max} items`);
  blocks.forEach((block, index) => checkBlock(checker, block, `${pointer}/${index}`));
}

const BLOCK_CHECKS: Record<string, (checker: Checker, block: Record<string, unknown>, pointer: string) => void> = {
  section: checkSection,
  header: (checker, block, pointer) =>
    checkText(checker, block['text'], `${pointer}/text`, { max: 150, plainOnly: true, required: true }),
  context: checkContext,
  actions: (checker, block, pointer) => {
    const elements = block['elements'];
    if (checkArray(checker, elements, `${pointer}/elements`, { min: 1, max: 25, required: true })) {
      (elements as unknown[]).forEach((element, index) =>
        checkElement(checker, element, `${pointer}/elements/${index}`, ACTIONS_ELEMENTS),
      );
    }
  },
  divider: () => undefined,
  image: checkImageBlock,
  input: checkInput,
  rich_text: (checker, block, pointer) => {
    checkArray(checker, block['elements'], `${pointer}/elements`, { min: 0, max: Infinity, required: true });
  },
};

function checkBlock(checker: Checker, block: unknown, pointer: string): void {
  if (!isRecord(block)) {
    problem(checker, pointer, 'must provide an object');
    return;
  }
  const type = block['type'];
  const check = typeof type === 'string' ? BLOCK_CHECKS[type] : undefined;
  if (!check) {
    problem(checker, `${pointer}/type`, `unknown block type ${JSON.stringify(type)}`);
    return;
  }
  checkBlockId(checker, block['block_id'], `${pointer}/block_id`);
  check(checker, block, pointer);
}

function checkBlockId(checker: Checker, blockId: unknown, pointer: string): void {
  checkString(checker, blockId, pointer, { max: 255, nonEmpty: true });
  if (typeof blockId !== 'string') return;
  if (checker.blockIds.has(blockId)) problem(checker, pointer, `duplicate block_id "${blockId}"`);
  checker.blockIds.add(blockId);
}

function checkSection(checker: Checker, block: Record<string, unknown>, pointer: string): void {
  const { text, fields, accessory } = block;
  if (text === undefined && fields === undefined) {
    problem(checker, pointer, 'must provide either text or fields');
  }
  checkText(checker, text, `${pointer}/text`, { max: 3000 });
  if (checkArray(checker, fields, `${pointer}/fields`, { min: 1, max: 10 })) {
    (fields as unknown[]).forEach((field, index) =>
      checkText(checker, field, `${pointer}/fields/${index}`, { max: 2000, required: true }),
    );
  }
  if (accessory !== undefined) checkElement(checker, accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS);
}

function checkContext(checker: Checker, block: Record<string, unknown>, pointer: string): void {
  const elements = block['elements'];
  if (!checkArray(checker, elements, `${pointer}/elements`, { min: 1, max: 10, required: true })) return;
  (elements as unknown[]).forEach((element, index) => {
    const at = `${pointer}/elements/${index}`;
    if (isRecord(element) && element['type'] === 'image') {
      checkElement(checker, element, at, new Set(['image']));
    } else {
      checkText(checker, element, at, { max: 3000, required: true });
    }
  });
}

function checkImageBlock(checker: Checker, block: Record<string, unknown>, pointer: string): void {
  if (block['slack_file'] === undefined) {
    checkString(checker, block['image_url'], `${pointer}/image_url`, { max: 3000, required: true, nonEmpty: true });
  }
  checkString(checker, block['alt_text'], `${pointer}/alt_text`, { max: 2000, required: true, nonEmpty: true });
  checkText(checker, block['title'], `${pointer}/title`, { max: 2000, plainOnly: true });
}

function checkInput(checker: Checker, block: Record<string, unknown>, pointer: string): void {
  checkText(checker, block['label'], `${pointer}/label`, { max: 2000, plainOnly: true, required: true });
  checkText(checker, block['hint'], `${pointer}/hint`, { max: 2000, plainOnly: true });
  if (block['element'] === undefined) {
    problem(checker, `${pointer}/element`, 'missing required field: element');
    return;
  }
  checkElement(checker, block['element'], `${pointer}/element`, INPUT_ELEMENTS);
}
