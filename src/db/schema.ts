import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every table of delightbot. Conventions: ids are integers, times are UTC epoch
 * milliseconds (`*_at`), money is integer minor units (`*_cents`) next to its
 * currency, indexes are named `<table>_<cols>_idx`, and every foreign key says
 * what happens on delete.
 */

const timestamps = {
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
};

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lower-cased and trimmed; null when no source has told us yet. */
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** "YYYY-MM-DD", or "--MM-DD" when the year is unknown. */
    birthday: text('birthday'),
    /** Set when the customer's personal data was erased; the row stays for anonymous counts. */
    redactedAt: integer('redacted_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('customers_email_idx').on(t.email)],
);

/** A customer's id in each source system, so events without an e-mail still find their customer. */
export const customerIdentities = sqliteTable(
  'customer_identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** The newest profile change applied from this source, so an older one arriving late is ignored. */
    profileVersion: integer('profile_version'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('customer_identities_source_external_id_idx').on(t.source, t.externalId),
    index('customer_identities_customer_id_idx').on(t.customerId),
  ],
);

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** What the shop and the customer call the order, e.g. "#1005". */
    number: text('number'),
    currency: text('currency').notNull(),
    totalCents: integer('total_cents').notNull(),
    shippingCents: integer('shipping_cents').notNull().default(0),
    financialStatus: text('financial_status'),
    shippingTitle: text('shipping_title'),
    shippingCountry: text('shipping_country'),
    refundedCents: integer('refunded_cents').notNull().default(0),
    cancelledAt: integer('cancelled_at'),
    placedAt: integer('placed_at').notNull(),
    /** The source's last-change time of the order; older deliveries do not overwrite newer state. */
    sourceVersion: integer('source_version'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('orders_source_external_id_idx').on(t.source, t.externalId),
    index('orders_customer_id_placed_at_idx').on(t.customerId, t.placedAt),
    index('orders_number_idx').on(t.number),
  ],
);

export const lineItems = sqliteTable(
  'line_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    variantTitle: text('variant_title'),
    quantity: integer('quantity').notNull(),
    priceCents: integer('price_cents').notNull(),
  },
  (t) => [index('line_items_order_id_idx').on(t.orderId)],
);

/** One row per webhook delivery received, so a redelivery is recognised before any work is done. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    deliveryId: text('delivery_id').notNull(),
    topic: text('topic').notNull(),
    /** processed | duplicate | ignored */
    outcome: text('outcome').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_source_delivery_id_idx').on(t.source, t.deliveryId),
    index('webhook_deliveries_received_at_idx').on(t.receivedAt),
  ],
);

/** A card in the delight channel: one or more moments about one customer, waiting for a decision. */
export const nudges = sqliteTable(
  'nudges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /**
     * queued (waiting for the daily cap or working hours) → pending (posted,
     * waiting for a decision) → approved | skipped | expired. A queued nudge
     * that waits too long expires without ever being posted (`posted_at` null).
     */
    state: text('state').notNull().default('pending'),
    /** The highest priority of its moments; the queue releases the highest first. */
    priority: integer('priority').notNull().default(0),
    /** When the card was released to the channel; counts against that day's cap. */
    postedAt: integer('posted_at'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    note: text('note'),
    noteBy: text('note_by'),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    ...timestamps,
  },
  (t) => [
    index('nudges_customer_id_idx').on(t.customerId),
    index('nudges_state_priority_idx').on(t.state, t.priority),
    index('nudges_posted_at_idx').on(t.postedAt),
    check('nudges_state_check', sql`${t.state} in ('queued', 'pending', 'approved', 'skipped', 'expired')`),
  ],
);

/** Something worth acting on that a rule noticed. `dedupeKey` makes every moment fire once. */
export const moments = sqliteTable(
  'moments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    nudgeId: integer('nudge_id').references(() => nudges.id, { onDelete: 'set null' }),
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** Rule-specific facts as JSON, e.g. {"ordinal":5}. Never read by SQL. */
    facts: text('facts', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    proactive: integer('proactive', { mode: 'boolean' }).notNull(),
    priority: integer('priority').notNull(),
    /**
     * Why the moment got no card: holdout (the customer is in the control
     * group) or cooldown (a recent gesture). Null when it joined a nudge.
     */
    suppressed: text('suppressed'),
    foundAt: integer('found_at').notNull(),
  },
  (t) => [
    uniqueIndex('moments_dedupe_key_idx').on(t.dedupeKey),
    index('moments_customer_id_idx').on(t.customerId),
    index('moments_nudge_id_idx').on(t.nudgeId),
    index('moments_found_at_idx').on(t.foundAt),
    check('moments_suppressed_check', sql`${t.suppressed} is null or ${t.suppressed} in ('holdout', 'cooldown')`),
  ],
);

/**
 * A gesture for a customer and what became of it:
 * requested (above the approver's authority, waiting for a manager) →
 * approved (budget charged) → fulfilled | cancelled (budget returned) | failed;
 * a request a manager declines ends `declined`.
 */
export const gestures = sqliteTable(
  'gestures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nudgeId: integer('nudge_id')
      .notNull()
      .references(() => nudges.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** 0 for a note or a call: free, but still a promise to keep. */
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    /** requested | approved | fulfilled | cancelled | failed | declined */
    state: text('state').notNull(),
    /** Who asked for it (the approver who clicked); for a direct approval the same as `approvedBy`. */
    requestedBy: text('requested_by').notNull(),
    /** Why a manager must approve it: over_limit | ahead_of_pace | cooldown | approver_limit. */
    escalation: text('escalation'),
    approvedBy: text('approved_by'),
    approvedAt: integer('approved_at'),
    /** Who will make it happen (Slack user id), mentioned on the card and in reminders. */
    fulfillerId: text('fulfiller_id'),
    /** What the customer is told (free text: erased with the customer). */
    customerMessage: text('customer_message'),
    fulfilledBy: text('fulfilled_by'),
    fulfilledAt: integer('fulfilled_at'),
    /** E.g. the discount code sent (free text: erased with the customer). */
    fulfilmentNote: text('fulfilment_note'),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at'),
    /** For cancelled, failed or declined: why, as a code or a short reason. */
    closeReason: text('close_reason'),
    /** The last reminder sent to the fulfiller. */
    remindedAt: integer('reminded_at'),
    /** Budget month in the team's time zone, "YYYY-MM". */
    budgetMonth: text('budget_month').notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('gestures_nudge_id_idx').on(t.nudgeId),
    index('gestures_customer_id_idx').on(t.customerId),
    index('gestures_budget_month_idx').on(t.budgetMonth),
    index('gestures_state_approved_at_idx').on(t.state, t.approvedAt),
    index('gestures_fulfiller_id_idx').on(t.fulfillerId),
    check('gestures_amount_check', sql`${t.amountCents} >= 0`),
    check('gestures_state_check', sql`${t.state} in ('requested', 'approved', 'fulfilled', 'cancelled', 'failed', 'declined')`),
  ],
);

/** The spend ledger per month; `spent_cents <= limit_cents` is enforced by a conditional update and a check. */
export const budgetMonths = sqliteTable(
  'budget_months',
  {
    month: text('month').primaryKey(),
    currency: text('currency').notNull(),
    limitCents: integer('limit_cents').notNull(),
    spentCents: integer('spent_cents').notNull().default(0),
    /** A manager who set this month's limit by hand (`/delight budget set`); null while it follows the configuration. */
    limitSetBy: text('limit_set_by'),
    ...timestamps,
  },
  (t) => [check('budget_months_spent_check', sql`${t.spentCents} >= 0 and ${t.spentCents} <= ${t.limitCents}`)],
);

/** Append-only record of every decision a person or the bot made. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** Slack user id, or "delightbot" for the bot's own decisions. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    nudgeId: integer('nudge_id').references(() => nudges.id, { onDelete: 'set null' }),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    gestureId: integer('gesture_id').references(() => gestures.id, { onDelete: 'set null' }),
    amountCents: integer('amount_cents'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_nudge_id_idx').on(t.nudgeId),
    index('audit_log_customer_id_idx').on(t.customerId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * Work for Slack that must survive a crash or an outage: "make the card of nudge N
 * match the database". One pending row per nudge; the worker posts or updates.
 */
export const slackOutbox = sqliteTable(
  'slack_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nudgeId: integer('nudge_id')
      .notNull()
      .references(() => nudges.id, { onDelete: 'cascade' }),
    /** pending | done | dead */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Bumped by every change queued while the row is pending, so delivery never marks a newer change done. */
    generation: integer('generation').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('slack_outbox_pending_nudge_idx').on(t.nudgeId).where(sql`${t.state} = 'pending'`),
    index('slack_outbox_state_next_attempt_at_idx').on(t.state, t.nextAttemptAt),
  ],
);

export const refunds = sqliteTable(
  'refunds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    refundedAt: integer('refunded_at').notNull(),
  },
  (t) => [uniqueIndex('refunds_source_external_id_idx').on(t.source, t.externalId), index('refunds_order_id_idx').on(t.orderId)],
);

/** Charges and payment attempts (Stripe, generic); the latest state per payment. */
export const payments = sqliteTable(
  'payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** succeeded | failed | refunded */
    status: text('status').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    orderExternalId: text('order_external_id'),
    failureReason: text('failure_reason'),
    occurredAt: integer('occurred_at').notNull(),
    sourceVersion: integer('source_version'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('payments_source_external_id_idx').on(t.source, t.externalId),
    index('payments_customer_id_occurred_at_idx').on(t.customerId, t.occurredAt),
    index('payments_occurred_at_idx').on(t.occurredAt),
    index('payments_updated_at_idx').on(t.updatedAt),
  ],
);

/** Support conversations (Zendesk, Help Scout, generic); the latest state per ticket. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** new | open | pending | on_hold | solved | closed */
    status: text('status').notNull(),
    subject: text('subject'),
    openedAt: integer('opened_at').notNull(),
    reopenCount: integer('reopen_count').notNull().default(0),
    lastCustomerReplyAt: integer('last_customer_reply_at'),
    solvedAt: integer('solved_at'),
    sourceVersion: integer('source_version'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('tickets_source_external_id_idx').on(t.source, t.externalId),
    index('tickets_customer_id_idx').on(t.customerId),
    index('tickets_status_opened_at_idx').on(t.status, t.openedAt),
  ],
);

/** Satisfaction ratings and NPS answers. */
export const ratings = sqliteTable(
  'ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** satisfaction | nps */
    kind: text('kind').notNull(),
    /** good | okay | bad, for satisfaction ratings */
    rating: text('rating'),
    /** 0–10, for NPS answers */
    score: integer('score'),
    comment: text('comment'),
    ticketExternalId: text('ticket_external_id'),
    ratedAt: integer('rated_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ratings_source_kind_external_id_idx').on(t.source, t.kind, t.externalId),
    index('ratings_customer_id_rated_at_idx').on(t.customerId, t.ratedAt),
    check('ratings_score_check', sql`${t.score} is null or (${t.score} between 0 and 10)`),
  ],
);

/**
 * The customer timeline: one row per business fact, whatever the source.
 * The unique key (source, object, kind, version) is the dedupe on business
 * keys: the same fact delivered again, under any delivery id, is stored once.
 * Holds no personal text — amounts, states and ids only — so it survives an erasure intact.
 */
export const timelineEvents = sqliteTable(
  'timeline_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    externalId: text('external_id').notNull(),
    versionKey: text('version_key').notNull(),
    occurredAt: integer('occurred_at').notNull(),
    facts: text('facts', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('timeline_events_business_key_idx').on(t.source, t.externalId, t.kind, t.versionKey),
    index('timeline_events_customer_id_occurred_at_idx').on(t.customerId, t.occurredAt),
    index('timeline_events_kind_occurred_at_idx').on(t.kind, t.occurredAt),
  ],
);

/**
 * Plain messages for the delight channel that are not nudge cards (e.g. "a
 * customer data request arrived"). Delivered by the same outbox worker, with
 * the same retry rules. The text never holds personal data.
 */
export const slackNotices = sqliteTable(
  'slack_notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: text('channel_id'),
    text: text('text').notNull(),
    /** pending | done | dead */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageTs: text('message_ts'),
    /** A reply in the thread of this nudge's card (a reminder, a call for a manager); sent once the card is posted. */
    nudgeId: integer('nudge_id').references(() => nudges.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [index('slack_notices_state_next_attempt_at_idx').on(t.state, t.nextAttemptAt)],
);

/**
 * Home tabs to publish again because something they show changed: one row per
 * person, delivered by the outbox like cards.
 */
export const homeTabQueue = sqliteTable(
  'home_tab_queue',
  {
    userId: text('user_id').primaryKey(),
    /** pending | done | dead */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    generation: integer('generation').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('home_tab_queue_state_next_attempt_at_idx').on(t.state, t.nextAttemptAt)],
);

/** Privacy requests received (Shopify's mandatory topics, the CLI), and what was done about them. */
export const privacyRequests = sqliteTable(
  'privacy_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** customer_redact | customer_data_request | shop_redact */
    kind: text('kind').notNull(),
    /** The customer the request is about, while they exist; null after an erasure. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    /** pending | done | failed */
    state: text('state').notNull().default('pending'),
    /** For data requests: where the export was written. */
    exportPath: text('export_path'),
    receivedAt: integer('received_at').notNull(),
    completedAt: integer('completed_at'),
  },
  (t) => [
    uniqueIndex('privacy_requests_source_kind_external_id_idx').on(t.source, t.kind, t.externalId),
    index('privacy_requests_state_idx').on(t.state),
  ],
);

/**
 * The random holdout: on a customer's first eligible proactive moment they are
 * assigned, by a hash of their id and a salt, to `holdout` (moments recorded,
 * never posted) or `treatment`. Stored so an assignment never changes, even
 * when the configured share does.
 */
export const holdoutGroups = sqliteTable(
  'holdout_groups',
  {
    customerId: integer('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** holdout | treatment */
    grp: text('grp').notNull(),
    /** The share in force when the customer was assigned, for the digest's honesty. */
    share: real('share').notNull(),
    assignedAt: integer('assigned_at').notNull(),
  },
  (t) => [
    index('holdout_groups_grp_idx').on(t.grp),
    check('holdout_groups_grp_check', sql`${t.grp} in ('holdout', 'treatment')`),
  ],
);

/**
 * One row per scheduled run and period ("daily_scan" / "2026-11-30"), claimed
 * before the work starts: two instances, or a restart, never run a period twice.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    period: text('period').notNull(),
    claimedAt: integer('claimed_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [uniqueIndex('job_runs_job_period_idx').on(t.job, t.period)],
);

/** Small pieces of state the process keeps between runs: scan watermarks, the holdout salt. */
export const appState = sqliteTable('app_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One weekly digest per ISO week and channel, written in the same transaction
 * that claims the week in `job_runs`, then delivered by the outbox: the
 * message first (its ts is kept), then the chart. `content` holds the computed
 * numbers (ids, never names: names are read when the message is built, so an
 * erased customer is never posted).
 */
export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    week: text('week').notNull(),
    channelId: text('channel_id').notNull(),
    content: text('content', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    /** pending | done | dead */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    messageTs: text('message_ts'),
    /** Slack's id of the uploaded chart; null until it is shared. */
    chartFileId: text('chart_file_id'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('digests_week_channel_id_idx').on(t.week, t.channelId),
    index('digests_state_next_attempt_at_idx').on(t.state, t.nextAttemptAt),
    check('digests_state_check', sql`${t.state} in ('pending', 'done', 'dead')`),
  ],
);
