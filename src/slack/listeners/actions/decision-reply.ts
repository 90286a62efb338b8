import type { DecisionResult, EarlierDecision } from '../../../gestures/decide.js';
import { formatMoney } from '../../../money.js';

/**
 * What the clicker is told privately when a click changed nothing or needs
 * someone else: who decided before them, which rule refused, or that a
 * manager was asked. Null when the click worked and the card update says it all.
 */
export function decisionReply(result: DecisionResult, currency: string): string | null {
  switch (result.outcome) {
    case 'approved':
    case 'skipped':
    case 'declined':
      return null;
    case 'escalated':
      return `:hourglass_flowing_sand: ${result.message} They were asked in the card's thread; the card shows the request until one of them decides.`;
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
  const amount = earlier.amountCents === null ? null : formatMoney(earlier.amountCents, currency);
  switch (earlier.state) {
    case 'approved':
      return `Already decided: ${who} approved ${amount ? `a ${amount}` : 'a'} gesture. Nothing changed.`;
    case 'requested':
      return `${who} already asked a manager for ${amount ? `a ${amount}` : 'a'} gesture here; it waits for their decision. Nothing changed.`;
    case 'skipped':
      return `Already decided: ${who} skipped this nudge. Nothing changed.`;
    case 'declined':
      return `Already decided: ${who} declined the request for ${amount ? `a ${amount}` : 'a'} gesture. Nothing changed.`;
    case 'expired':
      return 'This nudge expired before anyone decided. Nothing changed.';
    case 'queued':
      return 'This nudge is still waiting in the queue. Nothing changed.';
  }
}
