import { formatMoney } from '../../money.js';
import type { MomentKind } from '../../nudges/moment.js';
import type { NudgeView } from '../../nudges/nudge-view.js';
import { ordinal } from './format.js';

/**
 * The card's one-line headline, from its most urgent moment:
 * "Jane Smith's 5th order — add a note?". Plain text: the header block never
 * parses mentions, and the message's `text` fallback escapes it.
 */
export function nudgeHeadline(view: NudgeView): string {
  const who = view.customerErased ? 'A customer (erased)' : (view.customer.name ?? view.customer.email ?? 'A guest customer');
  switch (view.kind) {
    case 'first_order':
      return `${who}'s first order — say thank you?`;
    case 'order_milestone':
      return `${who}'s ${ordinal(view.ordinal ?? view.customer.ordersCount)} order — add a note?`;
    case 'came_back':
      return `${who} is back for a ${ordinal(view.ordinal ?? 2)} order — great to hear from you again?`;
    case 'lifetime_spend': {
      const amount = view.threshold ? `${formatMoney(view.threshold.cents, view.threshold.currency)} lifetime` : 'a lifetime-spend milestone';
      return `${who} just passed ${amount} — recognise them?`;
    }
    case 'birthday':
      return `It's ${who}'s birthday today — send a little something?`;
    case 'first_order_anniversary':
      return `${who} first ordered from you ${view.years === 1 || !view.years ? 'a year' : `${view.years} years`} ago today — say thanks?`;
    case 'unneeded_express':
      return `${who} paid for express shipping they didn't need — refund the difference?`;
    case 'payment_trouble':
      return `${who}'s payment didn't go through — follow up?`;
    case 'duplicate_charge':
      return `${who} was charged twice — refund the duplicate before they notice?`;
    case 'overpayment':
      return `${who} paid more than the order total — refund the difference?`;
    case 'surprise':
      return `Surprise ${who}? A good customer's ordinary order`;
    case 'recovery':
      return `${who} is unhappy — make it right?`;
    case 'promoter':
      return `${who} loves you — thank them and ask for a referral?`;
    case 'lapsed':
      return `${who} hasn't ordered in a while — win them back?`;
  }
}

const MOMENT_LABELS: Record<MomentKind, string> = {
  first_order: 'first order',
  order_milestone: 'order milestone',
  came_back: 'came back',
  lifetime_spend: 'lifetime spend',
  birthday: 'birthday',
  first_order_anniversary: 'first-order anniversary',
  unneeded_express: 'unneeded express shipping',
  payment_trouble: 'payment trouble',
  duplicate_charge: 'duplicate charge',
  overpayment: 'overpayment',
  surprise: 'random surprise',
  recovery: 'recovery',
  promoter: 'promoter',
  lapsed: 'lapsed customer',
};

/** "unneeded express shipping": a moment kind as the team reads it. */
export function momentLabel(kind: MomentKind): string {
  return MOMENT_LABELS[kind];
}
