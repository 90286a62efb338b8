import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { homeTabQueue } from '../db/schema.js';

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
      .onConflictDoUpdate({
        target: homeTabQueue.userId,
        set: {
          state: 'pending',
          attempts: sql`case when ${homeTabQueue.state} = 'pending' then ${homeTabQueue.attempts} else 0 end`,
          nextAttemptAt: sql`case when ${homeTabQueue.state} = 'pending' then min(${homeTabQueue.nextAttemptAt}, ${at}) else ${at} end`,
          generation: sql`${homeTabQueue.generation} + 1`,
          updatedAt: at,
        },
      })
      .run();
  }
}
