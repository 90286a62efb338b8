import type { DecisionResult, EarlierDecision } from '../../../gestures/decide.js';
import { formatMoney } from '../../../money.js';

/**
 * What the clicker is told privately when a click changed nothing: who decided
 * before them, or which rule refused. Null when the click worked and the card
 * update says it all.
 */
export function decisionReply(result: DecisionResult, currency: string): string | null {
  switch (result.outcome) {
    case 'approved':
    case 'skipped':
      return null;
    case 'already_decided':
      return alreadyDecided(result.earlier, currency);
    case 'refused':
      return `:no_entry: ${result.message}`;
    case 'not_found':
      return 'This nudge no longer exists (its customer may have been erased).';
  }
}

function alreadyDecided(earlier: EarlierDecision, currency: string): string {
  const who = earlier.by ? `<@${earlier.by}>` : 'Someone';
  switch (earlier.state) {
    case 'approved': {
      const amount = earlier.amountCents === null ? 'a' : formatMoney(earlier.amountCents, currency);
      return `Already decided: ${who} approved ${amount === 'a' ? 'a' : `a ${amount}`} gesture. Nothing changed.`;
    }
    case 'skipped':
      return `Already decided: ${who} skipped this nudge. Nothing changed.`;
    case 'expired':
      return 'This nudge expired before anyone decided. Nothing changed.';
  }
}
