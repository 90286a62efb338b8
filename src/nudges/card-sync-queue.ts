import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { slackOutbox } from '../db/schema.js';

/**
 * Records, in the caller's transaction, that the nudge's card in the channel
 * must be brought up to date with the database. The delivery side (the Slack
 * outbox) posts or updates it later, so a Slack outage never loses a nudge and
 * never holds up the transaction. Several changes before delivery collapse
 * into one pending row.
 */
export function enqueueCardSync(tx: Db, nudgeId: number, now: Date): void {
  const at = now.getTime();
  tx.insert(slackOutbox)
    .values({ nudgeId, state: 'pending', nextAttemptAt: at, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: slackOutbox.nudgeId,
      targetWhere: sql`${slackOutbox.state} = 'pending'`,
      set: {
        nextAttemptAt: sql`min(${slackOutbox.nextAttemptAt}, ${at})`,
        generation: sql`${slackOutbox.generation} + 1`,
        updatedAt: at,
      },
    })
    .run();
}
