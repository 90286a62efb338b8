import { type Checker, checkArray, checkString, checkText, isRecord, problem } from './block-kit-checker.js';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
];
const PICKERS = ['datepicker', 'timepicker', 'datetimepicker'];
const CHOICES = ['checkboxes', 'radio_buttons'];

/** Which element types each container accepts, per Slack's Block Kit reference. */
export const ACTIONS_ELEMENTS: ReadonlySet<string> = new Set(['button', 'overflow', ...SELECTS, ...PICKERS, ...CHOICES]);
export const ACCESSORY_ELEMENTS: ReadonlySet<string> = new Set([
  'button',
  'image',
  'overflow',
  ...SELECTS,
  'datepicker',
  'timepicker',
  ...CHOICES,
]);
export const INPUT_ELEMENTS: ReadonlySet<string> = new Set([
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
  ...SELECTS,
  ...PICKERS,
  ...CHOICES,
]);

type ElementCheck = (checker: Checker, element: Record<string, unknown>, pointer: string) => void;

const ELEMENT_CHECKS: Record<string, ElementCheck> = {
  button: checkButton,
  image: (checker, element, pointer) => {
    if (element['slack_file'] === undefined) {
      checkString(checker, element['image_url'], `${pointer}/image_url`, { max: 3000, required: true, nonEmpty: true });
    }
    checkString(checker, element['alt_text'], `${pointer}/alt_text`, { max: 2000, required: true, nonEmpty: true });
  },
  plain_text_input: (checker, element, pointer) => {
    checkPlaceholder(checker, element, pointer);
    checkLengthLimit(checker, element['min_length'], `${pointer}/min_length`, 0);
    checkLengthLimit(checker, element['max_length'], `${pointer}/max_length`, 1);
  },
  overflow: (checker, element, pointer) => checkOptions(checker, element, pointer, { max: 5, mrkdwn: false }),
  checkboxes: (checker, element, pointer) => checkOptions(checker, element, pointer, { max: 10, mrkdwn: true }),
  radio_buttons: (checker, element, pointer) => checkOptions(checker, element, pointer, { max: 10, mrkdwn: true }),
  static_select: checkStaticSelect,
  multi_static_select: checkStaticSelect,
};

export function checkElement(checker: Checker, element: unknown, pointer: string, allowed: ReadonlySet<string>): void {
  if (!isRecord(element)) {
    problem(checker, pointer, 'must provide an object');
    return;
  }
  const type = element['type'];
  if (typeof type !== 'string' || !allowed.has(type)) {
    problem(checker, `${pointer}/type`, `element type ${JSON.stringify(type)} is not allowed here`);
    return;
  }
  if (type !== 'image') checkActionId(checker, element['action_id'], `${pointer}/action_id`);
  const check = ELEMENT_CHECKS[type] ?? checkPlaceholder;
  check(checker, element, pointer);
}

function checkActionId(checker: Checker, actionId: unknown, pointer: string): void {
  checkString(checker, actionId, pointer, { max: 255, nonEmpty: true });
  if (typeof actionId !== 'string') return;
  if (checker.actionIds.has(actionId)) problem(checker, pointer, `duplicate action_id "${actionId}"`);
  checker.actionIds.add(actionId);
}

function checkButton(checker: Checker, button: Record<string, unknown>, pointer: string): void {
  checkText(checker, button['text'], `${pointer}/text`, { max: 75, plainOnly: true, required: true });
  checkString(checker, button['value'], `${pointer}/value`, { max: 2000 });
  checkString(checker, button['url'], `${pointer}/url`, { max: 3000 });
  checkString(checker, button['accessibility_label'], `${pointer}/accessibility_label`, { max: 75 });
  const style = button['style'];
  if (style !== undefined && style !== 'primary' && style !== 'danger') {
    problem(checker, `${pointer}/style`, 'must be "primary" or "danger"');
  }
}

function checkPlaceholder(checker: Checker, element: Record<string, unknown>, pointer: string): void {
  checkText(checker, element['placeholder'], `${pointer}/placeholder`, { max: 150, plainOnly: true });
}

function checkLengthLimit(checker: Checker, value: unknown, pointer: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problem(checker, pointer, 'must be an integer');
  } else if (value < min || value > 3000) {
    problem(checker, pointer, `must be between ${min} and 3000`);
  }
}

function checkStaticSelect(checker: Checker, select: Record<string, unknown>, pointer: string): void {
  checkPlaceholder(checker, select, pointer);
  if (select['options'] === undefined && select['option_groups'] === undefined) {
    problem(checker, pointer, 'must provide either options or option_groups');
  }
  checkOptions(checker, select, pointer, { max: 100, mrkdwn: false, required: false });
}

function checkOptions(
  checker: Checker,
  element: Record<string, unknown>,
  pointer: string,
  rule: { max: number; mrkdwn: boolean; required?: boolean },
): void {
  const options = element['options'];
  const at = `${pointer}/options`;
  if (!checkArray(checker, options, at, { min: 1, max: rule.max, required: rule.required ?? true })) return;
  (options as unknown[]).forEach((option, index) => {
    const optionAt = `${at}/${index}`;
    if (!isRecord(option)) {
      problem(checker, optionAt, 'must provide an object');
      return;
    }
    checkText(checker, option['text'], `${optionAt}/text`, { max: 75, plainOnly: !rule.mrkdwn, required: true });
    checkString(checker, option['value'], `${optionAt}/value`, { max: 150, required: true, nonEmpty: true });
  });
}
