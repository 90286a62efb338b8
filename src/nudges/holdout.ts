import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { readState, writeState } from '../db/app-state.js';
import { holdoutGroups } from '../db/schema.js';
import type { HoldoutSettings } from './settings.js';

export type HoldoutGroup = 'holdout' | 'treatment';

const SALT_KEY = 'holdout.salt';

/**
 * Whether a customer id falls in the holdout share: the first 48 bits of
 * SHA-256(salt ":" id) read as a fraction of 2^48. Uniform, stable for a
 * given salt, and unpredictable to anyone without it.
 */
export function hashesIntoHoldout(customerId: number, salt: string, share: number): boolean {
  const digest = createHash('sha256').update(`${salt}:${customerId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48 < share;
}

/**
 * The customer's group, assigning it on first call (their first eligible
 * proactive moment) and storing it: an assignment never changes afterwards,
 * even when the configured share or salt does.
 */
export function holdoutGroupOf(tx: Db, customerId: number, settings: HoldoutSettings, now: Date): HoldoutGroup {
  const existing = tx.select({ grp: holdoutGroups.grp }).from(holdoutGroups).where(eq(holdoutGroups.customerId, customerId)).get();
  if (existing) return existing.grp as HoldoutGroup;
  const salt = settings.salt ?? installationSalt(tx, now);
  const grp: HoldoutGroup = hashesIntoHoldout(customerId, salt, settings.share) ? 'holdout' : 'treatment';
  tx.insert(holdoutGroups).values({ customerId, grp, share: settings.share, assignedAt: now.getTime() }).run();
  return grp;
}

/** A random salt made once per installation, so two shops never share a holdout pattern. */
function installationSalt(tx: Db, now: Date): string {
  const stored = readState(tx, SALT_KEY);
  if (stored) return stored;
  const salt = randomBytes(16).toString('hex');
  writeState(tx, SALT_KEY, salt, now);
  return salt;
}
