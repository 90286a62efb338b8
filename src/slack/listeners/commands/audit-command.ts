import { countAuditEntries, loadAuditTrail, type AuditFilter } from '../../../gestures/audit-trail.js';
import { mayDecide } from '../../../gestures/policy.js';
import { findCustomers, parseCustomerQuery, type CustomerMatch } from '../../../history/find-customers.js';
import { auditMatchList, auditNameNotResolved, auditNotAllowed, auditTrailMessage, commandArgument } from '../../blocks/audit-message.js';
import { describeQuery, noCustomerFound } from '../../blocks/customer-card.js';
import { customerText } from '../../blocks/escape.js';
import type { SlackMessage } from '../../blocks/message.js';
import { plainCommandText, readUserReference } from '../../command-text.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';

/** Entries shown in Slack; the CLI exports every one. */
const AUDIT_LINES = 20;

const EXPORT = 'npm run delight -- audit';

interface Trail {
  filter: AuditFilter;
  subject: string;
  exportCommand: string;
}

/**
 * `/delight audit <email | name | #order | @person | member id>`, or nothing
 * for everyone's: the newest entries of the trail. Only approvers and
 * managers may read it: it shows who approved what for whom.
 */
export function auditReply(deps: SlackDeps, userId: string, argument: string): SlackMessage {
  const settings = decisionSettings(deps.config, deps.groups);
  if (!mayDecide(settings, userId)) {
    deps.logger.info({ userId }, 'audit trail refused: not an approver or manager');
    return auditNotAllowed(settings.approverIds, settings.managerIds);
  }
  const trail = resolveTrail(deps, argument);
  if (!('filter' in trail)) return trail;
  const entries = loadAuditTrail(deps.db, trail.filter, AUDIT_LINES);
  const total = entries.length < AUDIT_LINES ? entries.length : countAuditEntries(deps.db, trail.filter);
  return auditTrailMessage({ ...trail, entries, total, timeZone: deps.config.timeZone, currency: deps.config.budgetCurrency });
}

/** Whose trail the text asks for, or the reply when that is not one customer or person. */
function resolveTrail(deps: SlackDeps, argument: string): Trail | SlackMessage {
  if (argument.trim() === '') return { filter: {}, subject: 'everyone', exportCommand: `${EXPORT} --out audit.csv` };
  const person = readUserReference(argument);
  if (person?.kind === 'name') return auditNameNotResolved(person.name);
  if (person?.kind === 'user') return { filter: { actorId: person.userId }, subject: `<@${person.userId}>`, exportCommand: `${EXPORT} --actor ${person.userId} --out audit.csv` };
  const query = parseCustomerQuery(plainCommandText(argument));
  if (!query) return noCustomerFound({ by: 'name', name: argument });
  const matches = findCustomers(deps.db, query, 10);
  const [only] = matches;
  if (matches.length === 0 || !only) return noCustomerFound(query);
  if (matches.length > 1) return auditMatchList(describeQuery(query), matches);
  return { filter: { customerId: only.customerId }, subject: customerSubject(only), exportCommand: exportFor(only) };
}

function customerSubject(match: CustomerMatch): string {
  if (match.name) return customerText(match.name, 80);
  if (match.email) return customerText(match.email, 120);
  return `customer ${match.customerId} (no name or e-mail held)`;
}

function exportFor(match: CustomerMatch): string {
  const email = match.email ? commandArgument(match.email) : null;
  return email ? `${EXPORT} --customer ${email} --out audit.csv` : `${EXPORT} --out audit.csv`;
}
