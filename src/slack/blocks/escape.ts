import { truncate } from '../../text.js';

export { truncate };

/**
 * Customer-supplied text (names, notes, line items) goes into mrkdwn escaped:
 * `&`, `<` and `>` are the only characters Slack's parser treats as control
 * characters, so escaping them makes `<!channel>`, `<@U…>` and `<http://…|…>`
 * inert. Text objects that carry such text also set `verbatim: true`, so Slack
 * does not turn bare URLs or #channel names into links either.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes customer text and also breaks mrkdwn formatting characters, for
 * places where a stray `*` or `_` in a product name should not bold the card.
 */
export function escapeCustomerText(text: string): string {
  // A zero-width space after a formatting character stops Slack pairing it.
  return escapeMrkdwn(text).replace(/([*_~`])/g, '$1\u200b');
}

/** Customer text ready for mrkdwn: cut to `max` characters first, then escaped, so an entity is never cut in half. */
export function customerText(text: string, max: number): string {
  return escapeCustomerText(truncate(text, max));
}
