import type { App } from '@slack/bolt';
import { customerSummary } from '../../../history/customer-summary.js';
import { findCustomers, parseCustomerQuery } from '../../../history/find-customers.js';
import { loadQueueView } from '../../../nudges/queue-view.js';
import { helpMessage } from '../../blocks/command-replies.js';
import { customerCard, customerMatchList, noCustomerFound } from '../../blocks/customer-card.js';
import type { SlackMessage } from '../../blocks/message.js';
import { queueMessage } from '../../blocks/queue-message.js';
import { rulesMessage } from '../../blocks/rules-message.js';
import { plainCommandText } from '../../command-text.js';
import type { SlackDeps } from '../../deps.js';
import { auditReply } from './audit-command.js';
import { budgetReply } from './budget-command.js';
import { digestReply } from './digest-command.js';

/**
 * `/delight …`: answered in the acknowledgement itself, privately, so the
 * reply lands well within Slack's 3 seconds — a SQLite look-up takes
 * milliseconds and needs no second round trip.
 */
export function registerDelightCommand(app: App, deps: SlackDeps): void {
  app.command('/delight', async ({ ack, command }) => {
    const reply = answer(deps, command.user_id, command.text ?? '');
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  });
}

/** Waiting nudges listed by `/delight queue`; the rest are counted. */
const QUEUE_LINES = 15;

/** Sub-commands that take the rest of the text as their argument. */
const WITH_ARGUMENT: Record<string, (deps: SlackDeps, userId: string, argument: string) => SlackMessage> = {
  audit: auditReply,
  budget: budgetReply,
};

function answer(deps: SlackDeps, userId: string, text: string): SlackMessage {
  const words = text.trim();
  const keyword = words.toLowerCase();
  if (keyword === '' || keyword === 'help') return helpMessage();
  const first = keyword.split(/\s/, 1)[0] ?? '';
  const withArgument = Object.hasOwn(WITH_ARGUMENT, first) ? WITH_ARGUMENT[first] : undefined;
  if (withArgument) return withArgument(deps, userId, words.slice(first.length).trim());
  const { config } = deps;
  if (keyword === 'rules') {
    return rulesMessage({ playbook: config.playbook, source: config.playbookSource, timeZone: config.timeZone, currency: config.budgetCurrency });
  }
  if (keyword === 'digest') return digestReply(deps);
  if (keyword === 'queue') {
    const view = loadQueueView(deps.db, { noise: config.playbook.noise, timeZone: config.timeZone }, deps.now(), QUEUE_LINES);
    return queueMessage(view, config.timeZone);
  }
  const query = parseCustomerQuery(plainCommandText(words));
  if (!query) return helpMessage();
  const matches = findCustomers(deps.db, query, 10);
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) {
    const summary = customerSummary(deps.db, only.customerId);
    if (summary) return customerCard(summary, config.timeZone);
  }
  if (matches.length === 0) return noCustomerFound(query);
  return customerMatchList(query, matches);
}
