import type { App } from '@slack/bolt';
import { budgetFor, budgetMonthOf } from '../../../gestures/budget.js';
import { customerSummary } from '../../../history/customer-summary.js';
import { findCustomers, parseCustomerQuery } from '../../../history/find-customers.js';
import { loadQueueView } from '../../../nudges/queue-view.js';
import { budgetMessage, helpMessage } from '../../blocks/command-replies.js';
import { customerCard, customerMatchList, noCustomerFound } from '../../blocks/customer-card.js';
import type { SlackMessage } from '../../blocks/message.js';
import { queueMessage } from '../../blocks/queue-message.js';
import { rulesMessage } from '../../blocks/rules-message.js';
import type { SlackDeps } from '../../deps.js';

/**
 * `/delight …`: answered in the acknowledgement itself, privately, so the
 * reply lands well within Slack's 3 seconds — a SQLite look-up takes
 * milliseconds and needs no second round trip.
 */
export function registerDelightCommand(app: App, deps: SlackDeps): void {
  app.command('/delight', async ({ ack, command }) => {
    const reply = answer(deps, command.text ?? '');
    await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  });
}

/** Waiting nudges listed by `/delight queue`; the rest are counted. */
const QUEUE_LINES = 15;

function answer(deps: SlackDeps, text: string): SlackMessage {
  const words = text.trim();
  const keyword = words.toLowerCase();
  if (keyword === '' || keyword === 'help') return helpMessage();
  if (keyword === 'budget') {
    const { config } = deps;
    const month = budgetMonthOf(deps.now(), config.timeZone);
    return budgetMessage(budgetFor(deps.db, month, config.monthlyBudgetCents, config.budgetCurrency));
  }
  if (keyword === 'rules') {
    const { config } = deps;
    return rulesMessage({ playbook: config.playbook, source: config.playbookSource, timeZone: config.timeZone, currency: config.budgetCurrency });
  }
  if (keyword === 'queue') {
    const { config } = deps;
    const view = loadQueueView(deps.db, { noise: config.playbook.noise, timeZone: config.timeZone }, deps.now(), QUEUE_LINES);
    return queueMessage(view, config.timeZone);
  }
  const query = parseCustomerQuery(words);
  if (!query) return helpMessage();
  const matches = findCustomers(deps.db, query, 10);
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) {
    const summary = customerSummary(deps.db, only.customerId);
    if (summary) return customerCard(summary, deps.config.timeZone);
  }
  if (matches.length === 0) return noCustomerFound(query);
  return customerMatchList(query, matches);
}
