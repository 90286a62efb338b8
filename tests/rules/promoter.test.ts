import { describe, expect, it } from 'vitest';
import { promoter } from '../../src/nudges/rules/promoter.js';
import { DAY, history, HOUR, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  /** The priority expected, or null when it must not fire. */
  priority: number | null;
}

const recently = plus(NOW, -HOUR);

const cases: Case[] = [
  { name: 'NPS 10', build: () => history().nps(10, recently), priority: 55 },
  { name: 'NPS 9', build: () => history().nps(9, recently), priority: 53 },
  { name: 'NPS 9 with a comment', build: () => history().nps(9, recently, { comment: 'Love the scarves' }), priority: 53 },
  { name: 'NPS 8, a passive', build: () => history().nps(8, recently), priority: null },
  { name: 'NPS 3, a detractor', build: () => history().nps(3, recently), priority: null },
  { name: 'a good rating with a comment', build: () => history().satisfaction('good', recently, { comment: 'Quick and kind, thank you' }), priority: 50 },
  { name: 'a good rating without a comment', build: () => history().satisfaction('good', recently), priority: null },
  { name: 'a good rating with a blank comment', build: () => history().satisfaction('good', recently, { comment: '   ' }), priority: null },
  { name: 'an okay rating with a comment', build: () => history().satisfaction('okay', recently, { comment: 'Fine' }), priority: null },
  { name: 'a bad rating with a comment', build: () => history().satisfaction('bad', recently, { comment: 'Slow' }), priority: null },
  { name: 'an NPS 10 from last month', build: () => history().nps(10, plus(NOW, -30 * DAY)), priority: null },
];

describe('promoter', () => {
  it.each(cases)('$name', ({ build, priority }) => {
    const builder = build();
    const suggestion = promoter({ ratingId: builder.lastRatingId, history: builder.build(), now: NOW, settings: settings() });
    if (priority === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({
      kind: 'promoter',
      dedupeKey: `promoter:7:${builder.lastRatingId}`,
      facts: { ask: 'referral' },
      suggestedGesture: 'note',
      proactive: true,
      priority,
    });
  });

  it('says the score, and that there is a comment, never the comment', () => {
    const builder = history().nps(10, recently, { comment: 'Ask for Jane, she was great' });
    expect(promoter({ ratingId: builder.lastRatingId, history: builder.build(), now: NOW, settings: settings() })?.facts).toEqual({
      why: 'NPS 10 (promoter)',
      score: 10,
      hasComment: true,
      ask: 'referral',
      ratingSource: 'zendesk',
      ratingExternalId: 'rating-401',
    });
  });

  it('an unknown rating is nothing', () => {
    expect(promoter({ ratingId: 999, history: history().nps(10, recently).build(), now: NOW, settings: settings() })).toBeNull();
  });
});
