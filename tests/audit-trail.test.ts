import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, budgetMonths, customers, nudges } from '../src/db/schema.js';
import { checkMessageBlocks } from '../src/dev/slack-stand-in/index.js';
import { ActionId, ViewId } from '../src/slack/ids.js';
import { textObjects } from './helpers/block-text.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';
const EVIL_FIRST = '<!channel>';
const EVIL_LAST = '*bold* <http://evil.example|click>';
const EVIL_ESCAPED = '&lt;!channel&gt; *\u200bbold*\u200b &lt;http://evil.example|click&gt;';

interface SlashReply {
  response_type?: string;
  text: string;
  blocks: unknown[];
}

/**
 * A day of real decisions over HTTP, as the audit trail should tell them:
 * Jane's gift card from the Customize… window (and a dozen double clicks),
 * John's $100 above the $60 limit asked of a manager who approves it, the
 * evil-named customer refused over the $180 budget then noted and skipped,
 * Dora's card left to expire; two days later the reminders.
 */
describe('/delight audit and /delight budget set', () => {
  let h: Harness;
  const nudgeOf: Record<string, number> = {};

  async function delight(text: string, userId: string): Promise<SlashReply> {
    const res = await h.slashCommand(text, userId);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text.length).toBeGreaterThan(0);
    const verdict = checkMessageBlocks(reply.blocks);
    expect(verdict.kind === 'valid' ? [] : verdict.errors).toEqual([]);
    return reply;
  }

  const allText = (reply: SlashReply) => [reply.text, ...textObjects(reply.blocks).mrkdwn].join('\n');
  const trailLines = (reply: SlashReply) =>
    textObjects(reply.blocks)
      .mrkdwn.flatMap((text) => text.split('\n'))
      .filter((line) => line.startsWith('• '))
      .map((line) => line.slice(2));
  const at = (iso: string) => {
    h.clock.now = new Date(iso);
  };

  beforeAll(async () => {
    h = await startHarness({ DELIGHT_APPROVER_IDS: ALICE, DELIGHT_MANAGER_IDS: MANAGER, DELIGHT_GESTURE_LIMIT: '60', DELIGHT_MONTHLY_BUDGET: '180' });
    at('2026-11-21T09:00:00Z');
    const people = [
      { key: 'jane', id: 1005, email: 'Jane@Example.com', firstName: 'Jane', lastName: 'Smith' },
      { key: 'john', id: 1006, email: 'john@example.com', firstName: 'John', lastName: 'Smith' },
      { key: 'evil', id: 1007, email: 'evil@example.com', firstName: EVIL_FIRST, lastName: EVIL_LAST },
      { key: 'dora', id: 1008, email: 'dora@example.com', firstName: 'Dora', lastName: 'Explorer' },
    ];
    for (const p of people) {
      const order = shopifyOrder({ id: p.id, number: p.id, email: p.email, firstName: p.firstName, lastName: p.lastName, customerId: 500 + p.id, total: '40.00', createdAt: '2026-11-21T08:00:00Z' });
      expect((await h.postShopify('orders/create', order)).status).toBe(200);
    }
    await h.standIn.waitFor(() => h.standIn.messages.length === 4 || undefined);
    for (const p of people) {
      const customerId = h.running.db.select().from(customers).where(eq(customers.email, p.email.toLowerCase())).get()?.id;
      const nudge = h.running.db.select().from(nudges).where(eq(nudges.customerId, customerId ?? -1)).get();
      expect(nudge).toBeDefined();
      nudgeOf[p.key] = nudge?.id ?? -1;
    }
    const value = (key: string) => String(nudgeOf[key]);

    at('2026-11-21T10:02:00Z');
    const customized = await h.submitView({
      callbackId: ViewId.gestureModal,
      privateMetadata: JSON.stringify({ nudgeId: nudgeOf['jane'] }),
      values: {
        gesture_kind: { gesture_kind_select: { type: 'static_select', selected_option: { value: 'gift_card' } } },
        gesture_amount: { gesture_amount_text: { type: 'plain_text_input', value: '50' } },
        gesture_message: { gesture_message_text: { type: 'plain_text_input', value: null } },
        gesture_fulfiller: { gesture_fulfiller_user: { type: 'users_select', selected_user: ALICE } },
      },
      userId: ALICE,
    });
    expect(customized.status).toBe(200);
    at('2026-11-21T10:03:00Z');
    for (let i = 0; i < 12; i++) await h.clickButton({ actionId: ActionId.approveSmall, value: value('jane'), userId: ALICE });
    at('2026-11-21T10:05:00Z');
    await h.clickButton({ actionId: ActionId.approveLarge, value: value('john'), userId: ALICE });
    at('2026-11-21T10:07:00Z');
    await h.clickButton({ actionId: ActionId.approveRequest, value: value('john'), userId: MANAGER });
    at('2026-11-21T10:10:00Z');
    await h.clickButton({ actionId: ActionId.approveSmall, value: value('evil'), userId: ALICE });
    at('2026-11-21T10:12:00Z');
    await h.submitView({
      callbackId: ViewId.noteModal,
      privateMetadata: JSON.stringify({ nudgeId: nudgeOf['evil'] }),
      values: { note_input: { note_text: { type: 'plain_text_input', value: 'Call before sending anything' } } },
      userId: ALICE,
    });
    at('2026-11-21T10:15:00Z');
    await h.clickButton({ actionId: ActionId.skip, value: value('evil'), userId: ALICE });
    // Two days on: Dora's card expired undecided, the two approved gestures are not marked done.
    at('2026-11-23T12:00:00Z');
    await h.running.tick();
    await h.running.outbox.idle();
    const actions = h.running.db.select({ action: auditLog.action }).from(auditLog).all().map((row) => row.action);
    expect(actions.filter((action) => action === 'approve_refused')).toHaveLength(13);
    expect(new Set(actions)).toEqual(new Set(['customize', 'approve_refused', 'escalate', 'approve', 'note', 'skip', 'remind', 'expire']));
  });
  afterAll(async () => {
    await h.close();
  });

  it("tells a customer's trail as readable lines, newest first, with a footer to export it", async () => {
    const reply = await delight('audit jane@example.com', ALICE);
    expect(reply.text).toBe(':ledger: *Audit trail for Jane Smith*: 14 entries, newest first.');
    const lines = trailLines(reply);
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe('Nov 23, 12:00 · delightbot reminded the fulfiller of a $50 gift card for Jane Smith (#1005) (49 h after approval)');
    expect(lines.slice(1, 13)).toEqual(Array(12).fill('Nov 21, 10:03 · <@U0ALICE001> could not approve a $50 gesture for Jane Smith (#1005): it was already decided'));
    expect(lines[13]).toBe('Nov 21, 10:02 · <@U0ALICE001> approved a $50 gift card for Jane Smith (#1005) (customised)');
    expect(allText(reply)).toContain('`npm run delight -- audit --customer jane@example.com --out audit.csv`');
    expect(allText(reply)).not.toContain('John');
  });

  it('finds the same trail by order number, by name, and by an e-mail Slack escaped', async () => {
    for (const query of ['#1005', '1005', 'Jane Smith', '<mailto:jane@example.com|jane@example.com>']) {
      const reply = await delight(`audit ${query}`, ALICE);
      expect(reply.text, query).toBe(':ledger: *Audit trail for Jane Smith*: 14 entries, newest first.');
    }
  });

  it('shows an escalation, the manager who approved it and the reminder', async () => {
    const reply = await delight('audit #1006', MANAGER);
    expect(trailLines(reply)).toEqual([
      'Nov 23, 12:00 · delightbot reminded the fulfiller of a $100 gesture for John Smith (#1006) (49 h after approval)',
      'Nov 21, 10:07 · <@U0MANAGER1> approved a $100 gesture for John Smith (#1006), which needed a manager: above the per-gesture limit',
      'Nov 21, 10:05 · <@U0ALICE001> asked a manager to approve a $100 gesture for John Smith (#1006): above the per-gesture limit',
    ]);
  });

  it('puts refusals in words and escapes customer text', async () => {
    const reply = await delight('audit evil@example.com', ALICE);
    expect(trailLines(reply)).toEqual([
      `Nov 21, 10:15 · <@U0ALICE001> skipped the nudge for ${EVIL_ESCAPED} (#1007)`,
      `Nov 21, 10:12 · <@U0ALICE001> added a note to the nudge for ${EVIL_ESCAPED} (#1007)`,
      `Nov 21, 10:10 · <@U0ALICE001> could not approve a $50 gesture for ${EVIL_ESCAPED} (#1007): over this month's budget`,
    ]);
    for (const text of [reply.text, ...textObjects(reply.blocks).mrkdwn]) {
      for (const raw of ['<!channel>', '<http://evil.example', '*bold*']) expect(text).not.toContain(raw);
    }
  });

  it("shows delightbot's expiries", async () => {
    const reply = await delight('audit Dora', ALICE);
    expect(trailLines(reply)).toEqual(['Nov 23, 12:00 · delightbot expired the nudge for Dora Explorer (#1008): nobody decided in time']);
  });

  it.each([
    ['an escaped mention', `<@${ALICE}|alice>`],
    ['an escaped mention without a name', `<@${ALICE}>`],
    ['a member id', ALICE],
  ])("shows a person's decisions for %s", async (_case, who) => {
    const reply = await delight(`audit ${who}`, MANAGER);
    expect(reply.text).toBe(`:ledger: *Audit trail for <@${ALICE}>*: 17 entries, newest first.`);
    const lines = trailLines(reply);
    expect(lines.every((line) => line.includes(`· <@${ALICE}> `))).toBe(true);
    expect(lines[0]).toContain('skipped the nudge');
    expect(allText(reply)).toContain(`\`npm run delight -- audit --actor ${ALICE} --out audit.csv\``);
  });

  it('explains a plain @name, which Slack sends when escaping is off', async () => {
    const reply = await delight('audit @alice', ALICE);
    expect(reply.text).toContain('Slack sent “@alice” as plain text');
    expect(reply.text).toContain('/delight audit U0123ABC');
    expect(reply.text).toContain('should_escape: true');
  });

  it('shows the last 20 of everything when nothing is named', async () => {
    const reply = await delight('audit', ALICE);
    expect(reply.text).toBe(':ledger: *Audit trail for everyone*: the last 20 of 21 entries, newest first.');
    expect(trailLines(reply)).toHaveLength(20);
    expect(trailLines(reply)[19]).toContain('10:03');
    expect(allText(reply)).toContain('`npm run delight -- audit --out audit.csv`');
  });

  it('says so when a customer or a person has no entries, or nobody matches', async () => {
    expect((await delight(`audit U0NOBODY99`, ALICE)).text).toBe(':ledger: No audit entries for <@U0NOBODY99> yet. Approvals, refusals, skips, notes, fulfilments, cancellations, reminders, expiries and budget changes are recorded as they happen.');
    expect((await delight('audit nobody@example.com', ALICE)).text).toContain('No customer found for the e-mail “nobody@example.com”');
    const both = await delight('audit Smith', ALICE);
    expect(both.text).toContain('2 customers match the name “Smith”');
    expect(allText(both)).toContain('• John Smith — john@example.com');
  });

  it('refuses someone who is neither an approver nor a manager, saying who may', async () => {
    for (const text of ['audit jane@example.com', 'audit', `audit <@${ALICE}|alice>`]) {
      const reply = await delight(text, BOB);
      expect(reply.text).toBe(
        `:lock: Only approvers and managers can read the audit trail: it shows who approved what for whom. Approvers: <@${ALICE}>; managers: <@${MANAGER}>. Ask one of them, or ask an admin to add you to DELIGHT_APPROVER_IDS.`,
      );
      expect(allText(reply)).not.toContain('Jane');
    }
  });

  it('lists audit and budget set in the help', async () => {
    const help = await delight('help', BOB);
    expect(help.text).toContain('/delight audit jane@example.com');
    expect(help.text).toContain('/delight budget set 1500');
  });

  describe('budget set', () => {
    const budgetRow = () => h.running.db.select().from(budgetMonths).where(eq(budgetMonths.month, '2026-11')).get();

    it('refuses someone who is not a manager, audited, and changes nothing', async () => {
      const reply = await delight('budget set 500', ALICE);
      expect(reply.text).toBe(`:lock: Only managers can set the budget (<@${MANAGER}>). Ask one of them. Nothing changed.`);
      expect(budgetRow()).toMatchObject({ limitCents: 18_000, spentCents: 15_000, limitSetBy: null });
      const refused = h.running.db.select().from(auditLog).where(eq(auditLog.action, 'budget_change_refused')).all();
      expect(refused).toEqual([expect.objectContaining({ actor: ALICE, amountCents: 50_000, detail: { code: 'not_a_manager', month: '2026-11' } })]);
    });

    it('refuses a budget below what is spent, with the figures', async () => {
      const reply = await delight('budget set 100', MANAGER);
      expect(reply.text).toBe(':no_entry: $100 is below what is already spent in 2026-11: $150 of $180. Set at least $150. Nothing changed.');
      expect(budgetRow()).toMatchObject({ limitCents: 18_000, limitSetBy: null });
    });

    it.each(['set', 'set lots', 'set -5', 'set 10 20', 'raise 500', 'set 12.345'])('answers %j with how to use it', async (args) => {
      const reply = await delight(`budget ${args}`, MANAGER);
      expect(reply.text).toContain('`/delight budget set 1500`');
      expect(budgetRow()).toMatchObject({ limitCents: 18_000 });
    });

    it("lets a manager set this month's budget; /delight budget shows who did and the pace; the trail tells it", async () => {
      const reply = await delight('budget set $1,200', MANAGER);
      expect(reply.text).toBe(':moneybag: Budget 2026-11 set to *$1,200* (was $180): *$150* spent, *$1,050* left.');
      expect(allText(reply)).toContain('On pace: $900 expected by now (75 % of the month gone).');
      expect(budgetRow()).toMatchObject({ limitCents: 120_000, spentCents: 15_000, limitSetBy: MANAGER });

      const budget = await delight('budget', BOB);
      expect(budget.text).toBe(':moneybag: Budget 2026-11: *$150* spent, *$1,050* left of $1,200.');
      expect(allText(budget)).toContain(`Set by <@${MANAGER}> for 2026-11 instead of DELIGHT_MONTHLY_BUDGET ($180).`);
      expect(allText(budget)).toContain('On pace: $900 expected by now');

      const trail = await delight(`audit <@${MANAGER}|boss>`, ALICE);
      expect(trailLines(trail).slice(0, 2)).toEqual([
        `Nov 23, 12:00 · <@${MANAGER}> set the 2026-11 budget to $1,200 (was $180)`,
        `Nov 23, 12:00 · <@${MANAGER}> could not set the 2026-11 budget to $100: below what is already spent`,
      ]);
      expect(h.running.db.select().from(auditLog).where(and(eq(auditLog.action, 'budget_changed'), eq(auditLog.actor, MANAGER))).all()).toHaveLength(1);
    });

    it('keeps showing pace ahead of it when spending runs fast', async () => {
      expect((await delight('budget set 150', MANAGER)).text).toContain('set to *$150* (was $1,200)');
      const budget = await delight('budget', ALICE);
      expect(allText(budget)).toContain(':warning: $37.50 ahead of pace: $112.50 expected by now (75 % of the month gone).');
    });
  });

  it('names an erased customer as such, with no personal data, found by order number', async () => {
    const redact = { shop_id: 954889, shop_domain: 'delight-test.myshopify.com', customer: { id: 500 + 1005, email: 'jane@example.com' }, orders_to_redact: [1005] };
    expect((await h.postShopify('customers/redact', redact)).status).toBe(200);
    const reply = await delight('audit #1005', ALICE);
    expect(reply.text).toMatch(/^:ledger: \*Audit trail for customer \d+ \(no name or e-mail held\)\*: 15 entries, newest first\.$/);
    expect(trailLines(reply).slice(0, 2)).toEqual([
      "Nov 23, 12:00 · delightbot erased a customer's personal data",
      'Nov 23, 12:00 · delightbot reminded the fulfiller of a $50 gift card for an erased customer (#1005) (49 h after approval)',
    ]);
    expect(allText(reply)).not.toMatch(/jane/i);
    expect(allText(reply)).toContain('`npm run delight -- audit --out audit.csv`');
  });
});
