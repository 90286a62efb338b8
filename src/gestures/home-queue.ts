import { and, eq, ne, sql } from 'drizzle-orm';
import { immediate, type Db } from '../db/client.js';
import { homeTabQueue } from '../db/schema.js';
import { localTime } from '../nudges/local-time.js';

/**
 * Records, in the caller's transaction, that these people's Home tabs show
 * something that changed (a decision waiting for them, a gesture to fulfil,
 * the budget). The outbox publishes each again; changes before delivery
 * collapse into one publish per person.
 */
export function enqueueHomeRefresh(tx: Db, userIds: readonly (string | null | undefined)[], now: Date): void {
  const at = now.getTime();
  for (const userId of new Set(userIds)) {
    if (!userId) continue;
    tx.insert(homeTabQueue)
      .values({ userId, state: 'pending', nextAttemptAt: at, updatedAt: at })
      .onConflictDoUpdate({ target: homeTabQueue.userId, set: pendingAgain(at) })
      .run();
  }
}

/**
 * Queues a refresh for everyone who has a Home tab row: what every tab shows
 * changed (a card was posted or changed, the budget moved, a new day began).
 *
 * "Everyone" is the people with a row: a row is made when someone opens the
 * tab and when a change concerns them (they decided a card, make a gesture
 * happen, manage), so it holds exactly the people who act on cards. The
 * alternatives cost more: the whole workspace needs `users:read` and would
 * publish to hundreds who never look; a separate "opened it" flag needs a column.
 * One UPDATE over a table of one row per person, so its cost follows the
 * team's size, never the number of customers or cards, and it runs in the
 * outbox or a rare budget change — never in a webhook's transaction. People
 * whose last publish failed for good (`dead`: deactivated, or the Home tab
 * disabled) are left alone; opening the tab again brings them back.
 * @returns how many tabs were queued.
 */
export function enqueueHomeRefreshForEveryone(tx: Db, now: Date): number {
  const at = now.getTime();
  // A tab already waiting keeps its retry time: a busy hour of cards must not undo the backoff of a failing publish.
  const set = { ...pendingAgain(at), nextAttemptAt: sql`case when ${homeTabQueue.state} = 'pending' then ${homeTabQueue.nextAttemptAt} else ${at} end` };
  return tx.update(homeTabQueue).set(set).where(ne(homeTabQueue.state, 'dead')).run().changes;
}

/**
 * For the periodic tick: every Home tab shows the pace "expected by today",
 * flags promises that became overdue and the month's budget, which change
 * with the calendar rather than with a click. On the first tick of a new day
 * in the team's time zone every tab is queued again.
 * @returns a function that queues the refresh when the day changed, returning how many tabs it queued.
 */
export function homeRefreshOnNewDay(timeZone: string): (db: Db, now: Date) => number {
  let day: string | null = null;
  return (db, now) => {
    const today = localTime(now, timeZone).dateKey;
    const isNewDay = day !== null && today !== day;
    day = today;
    return isNewDay ? enqueueHomeRefreshForEveryone(db, now) : 0;
  };
}

/** Where the person's row stands, to tell whether a change was queued while a view was on its way; null without a row. */
export function homeRefreshGeneration(db: Db, userId: string): number | null {
  return db.select({ generation: homeTabQueue.generation }).from(homeTabQueue).where(eq(homeTabQueue.userId, userId)).get()?.generation ?? null;
}

/**
 * Remembers that the person uses the Home tab (they just opened it and were
 * shown a fresh view), so later changes that concern everyone reach them too.
 * A row already waiting stays waiting; one given up on is revived.
 */
export function rememberHomeTabUser(tx: Db, userId: string, now: Date): void {
  const at = now.getTime();
  tx.insert(homeTabQueue)
    .values({ userId, state: 'done', nextAttemptAt: at, updatedAt: at })
    .onConflictDoNothing()
    .run();
  tx.update(homeTabQueue)
    .set({ state: 'done', attempts: 0, lastError: null, updatedAt: at })
    .where(and(eq(homeTabQueue.userId, userId), eq(homeTabQueue.state, 'dead')))
    .run();
}

/** The columns that make a row pending again: a waiting row keeps its attempts and its earliest time, a finished one starts afresh. */
function pendingAgain(at: number) {
  return {
    state: 'pending',
    attempts: sql`case when ${homeTabQueue.state} = 'pending' then ${homeTabQueue.attempts} else 0 end`,
    nextAttemptAt: sql`case when ${homeTabQueue.state} = 'pending' then min(${homeTabQueue.nextAttemptAt}, ${at}) else ${at} end`,
    generation: sql`${homeTabQueue.generation} + 1`,
    updatedAt: at,
  };
}

type HomeRow = typeof homeTabQueue.$inferSelect;

/**
 * A publish made outside the outbox (when the person opened the tab) failed
 * for now: the outbox takes over, first after `delayMs` (Slack's Retry-After or the backoff).
 */
export function deferHomeRefresh(db: Db, userId: string, reason: string, delayMs: number, now: Date): void {
  const at = now.getTime();
  immediate(db, (tx) => {
    enqueueHomeRefresh(tx, [userId], now);
    tx.update(homeTabQueue)
      .set({ attempts: sql`${homeTabQueue.attempts} + 1`, lastError: reason, nextAttemptAt: at + delayMs, updatedAt: at })
      .where(eq(homeTabQueue.userId, userId))
      .run();
  });
}

/**
 * The outbox's bookkeeping after a publish: done or dead, unless a newer change
 * was queued on the row meanwhile (its generation moved), which must still be published.
 */
export function finishHomeRefresh(db: Db, row: HomeRow, state: 'done' | 'dead', reason: string | null, now: Date): void {
  db.update(homeTabQueue)
    .set({ state, lastError: reason, attempts: row.attempts + 1, updatedAt: now.getTime() })
    .where(and(eq(homeTabQueue.userId, row.userId), eq(homeTabQueue.generation, row.generation)))
    .run();
}

/** A publish that failed for now: try again after `delayMs` (a change queued meanwhile goes out with that retry). */
export function retryHomeRefreshLater(db: Db, row: HomeRow, reason: string, delayMs: number, now: Date): void {
  const at = now.getTime();
  db.update(homeTabQueue)
    .set({ attempts: row.attempts + 1, lastError: reason, nextAttemptAt: at + delayMs, updatedAt: at })
    .where(eq(homeTabQueue.userId, row.userId))
    .run();
}
