import { hasText, isFresh } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface PromoterInput {
  /** The rating that just arrived. */
  ratingId: number;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * A promoter: an NPS answer of `npsPromoterMin` (9) or more, or a 'good'
 * satisfaction rating the customer took the time to comment on → thank
 * them and ask for a referral (or invite them to a members club). A 'good'
 * rating without a comment is a click, not a promoter. Fires once per
 * rating; a stale rating never fires. The comment itself is never copied.
 */
export function promoter(input: PromoterInput): PlaybookSuggestion | null {
  const { ratingId, history, now, settings } = input;
  const rating = history.ratings.find((candidate) => candidate.ratingId === ratingId);
  if (!rating || !isFresh(rating.ratedAt, now, settings.maxFactAgeMs)) return null;
  const hasComment = hasText(rating.comment);
  const isPromoterScore = rating.kind === 'nps' && rating.score !== null && rating.score >= settings.npsPromoterMin && rating.score <= 10;
  const isGoodWithComment = rating.kind === 'satisfaction' && rating.rating === 'good' && hasComment;
  if (!isPromoterScore && !isGoodWithComment) return null;
  const { gesture, cents } = settings.gestures.promoter;
  return {
    kind: 'promoter',
    dedupeKey: `promoter:${history.customerId}:${ratingId}`,
    facts: isPromoterScore
      ? { why: `NPS ${rating.score} (promoter)`, score: rating.score, hasComment, ask: 'referral', ratingSource: rating.source, ratingExternalId: rating.externalId }
      : { why: 'rated the support "good" and left a comment', rating: 'good', hasComment, ask: 'referral', ratingSource: rating.source, ratingExternalId: rating.externalId },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    // A 10 outranks a 9 and a kind comment; all stay in the warm band.
    priority: isPromoterScore ? PRIORITY.warm.max - (10 - (rating.score ?? 10)) * 2 : PRIORITY.warm.max - 5,
  };
}
