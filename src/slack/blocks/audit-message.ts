import type { KnownBlock } from '@slack/types';
import type { AuditTrailEntry } from '../../gestures/audit-trail.js';
import type { CustomerMatch } from '../../history/find-customers.js';
import { auditLine } from './audit-lines.js';
import { customerText, escapeMrkdwn, truncate } from './escape.js';
import type { SlackMessage } from './message.js';

export interface AuditTrailView {
  /** What the trail is about, as escaped mrkdwn: "Jane Smith", "<@U…>", "everyone". */
  subject: string;
  /** Newest first. */
  entries: readonly AuditTrailEntry[];
  /** All matching entries, of which `entries` are the newest. */
  total: number;
  timeZone: string;
  /** For entries whose currency is not recorded. */
  currency: string;
  /** The command that exports the whole trail as CSV on the server. */
  exportCommand: string;
}

/** Slack's limit for a section's text is 3,000 characters; a little is kept spare. */
const SECTION_MAX = 2_900;

/** `/delight audit …`: the newest entries as lines, how many there are, and how to export all of them. */
export function auditTrailMessage(view: AuditTrailView): SlackMessage {
  const count = view.entries.length;
  const total = view.total.toLocaleString('en-US');
  const summary =
    view.total === 0
      ? `:ledger: No audit entries for ${view.subject} yet. Approvals, refusals, skips, notes, fulfilments, cancellations, reminders, expiries and budget changes are recorded as they happen.`
      : `:ledger: *Audit trail for ${view.subject}*: ${count < view.total ? `the last ${count} of ${total} entries` : `${total} ${view.total === 1 ? 'entry' : 'entries'}`}, newest first.`;
  const blocks: KnownBlock[] = [section(summary)];
  for (const chunk of chunks(view.entries.map((entry) => `• ${auditLine(entry, view.timeZone, view.currency)}`))) blocks.push(section(chunk));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Every entry, as CSV, on the server: \`${view.exportCommand}\`` }] });
  return { text: summary, blocks };
}

/** Several customers match: pick one by e-mail. */
export function auditMatchList(described: string, matches: readonly CustomerMatch[]): SlackMessage {
  const lines = matches.map((match) => `• ${match.name ? customerText(match.name, 80) : '_no name_'}${match.email ? ` — ${customerText(match.email, 120)}` : ''}`);
  const intro = `${matches.length} customers match ${described}. Ask for one by e-mail: \`/delight audit jane@example.com\`.`;
  return { text: intro, blocks: [section(`${intro}\n${lines.join('\n')}`)] };
}

/** The command had a plain `@name`: Slack did not say who that is. */
export function auditNameNotResolved(name: string): SlackMessage {
  const text =
    `Slack sent “@${customerText(name, 80)}” as plain text, not as a person, so delightbot cannot tell who it is. ` +
    'Use their member ID instead (their profile → ⋮ → *Copy member ID*), e.g. `/delight audit U0123ABC`, ' +
    'or ask an admin to turn on *Escape channels, users, and links* for /delight (Slash Commands in the app settings, `should_escape: true` in manifest.yml) so @mentions arrive as people.';
  return { text, blocks: [section(text)] };
}

/** Someone who is neither an approver nor a manager asked for a trail. */
export function auditNotAllowed(approverIds: readonly string[], managerIds: readonly string[]): SlackMessage {
  const approvers = approverIds.length > 0 ? approverIds.map((id) => `<@${id}>`).join(', ') : 'the approver group';
  const managers = managerIds.length > 0 ? managerIds.map((id) => `<@${id}>`).join(', ') : 'none set';
  const text = `:lock: Only approvers and managers can read the audit trail: it shows who approved what for whom. Approvers: ${approvers}; managers: ${managers}. Ask one of them, or ask an admin to add you to DELIGHT_APPROVER_IDS.`;
  return { text, blocks: [section(text)] };
}

/** Packs lines into section-sized texts, never splitting a line; a line longer than a section is cut. */
function chunks(lines: readonly string[]): string[] {
  const packed: string[] = [];
  let current = '';
  for (const line of lines.map((text) => truncate(text, SECTION_MAX))) {
    if (current && current.length + 1 + line.length > SECTION_MAX) {
      packed.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) packed.push(current);
  return packed;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

/** Escaped text for an export command's argument, inside a code span. */
export function commandArgument(text: string): string | null {
  return /^[^\s`'"\\$]+$/.test(text) ? escapeMrkdwn(text) : null;
}
