/**
 * What arrives in a slash command's `text`. With "Escape channels, users, and
 * links sent to your app" on (`should_escape: true` in manifest.yml) Slack
 * sends a mention as `<@U123|name>`, a channel as `<#C123|name>`, an e-mail
 * as `<mailto:jane@example.com|jane@example.com>` and a link as
 * `<https://…|…>`; with it off, the text as typed, a mention being the plain
 * `@name` (which only a users:read look-up could resolve). Either way `&`, `<`
 * and `>` typed by the person may arrive as HTML entities.
 */

/** A Slack member id as people copy it from a profile ("Copy member ID"): U or W, then capitals and digits. */
const MEMBER_ID = /^[UW](?=[A-Z0-9]*\d)[A-Z0-9]{6,}$/;
const ESCAPED_USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export type UserReference =
  | { kind: 'user'; userId: string }
  /** `@name` as typed: Slack sent the name, not who it is. */
  | { kind: 'name'; name: string };

/**
 * Reads a person out of command text: an escaped mention, a bare member id,
 * or a plain `@name`. Null when the text is not about a person.
 */
export function readUserReference(text: string): UserReference | null {
  const trimmed = text.trim();
  const escaped = ESCAPED_USER.exec(trimmed);
  if (escaped?.[1]) return { kind: 'user', userId: escaped[1] };
  if (MEMBER_ID.test(trimmed)) return { kind: 'user', userId: trimmed };
  // An e-mail address has something before its @; a mention starts with it.
  if (/^@[^@\s][^@]*$/.test(trimmed)) return { kind: 'name', name: trimmed.slice(1) };
  return null;
}

/**
 * Command text with Slack's escaping undone, for look-ups by e-mail, name or
 * order number: an escaped e-mail becomes the address, an escaped channel its
 * `#name`, a link its label (or address), and entities their characters.
 * Mentions are left as they are.
 */
export function plainCommandText(text: string): string {
  return text
    .replace(/<mailto:([^|>]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<((?:https?|ftp):[^|>]+)(?:\|([^>]*))?>/g, (_link, url: string, label: string | undefined) => label || url)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
