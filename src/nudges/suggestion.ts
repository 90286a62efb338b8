import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { moments } from '../db/schema.js';
import type { GestureKind } from './moment.js';

export interface Suggestion {
  kind: GestureKind;
  amountCents: number;
}

/**
 * The gesture the nudge's most urgent moment suggests, as the rule stored it.
 * @returns null when the nudge has no moment (it no longer exists).
 */
export function loadSuggestion(db: Db, nudgeId: number): Suggestion | null {
  const moment = db.select({ facts: moments.facts }).from(moments).where(eq(moments.nudgeId, nudgeId)).orderBy(desc(moments.priority), asc(moments.id)).get();
  if (!moment) return null;
  const kind = typeof moment.facts.suggestedGesture === 'string' ? (moment.facts.suggestedGesture as GestureKind) : 'note';
  const amountCents = typeof moment.facts.suggestedAmountCents === 'number' ? moment.facts.suggestedAmountCents : 0;
  return { kind, amountCents };
}
