import { HOUR } from './model.js';
import { genericNps, genericSatisfaction, genericTicket, type TicketChange } from './payloads.js';
import { windowTime } from './schedules.js';
import type { Customer, StoreBuilder } from './store-builder.js';

/**
 * Support traffic from the help desk and the NPS survey (both through the
 * generic webhook). Everyday tickets are solved within about two days and
 * reopened at most once, with subjects that never ask for money back;
 * everyday ratings are "okay", or "good" without a comment; everyday NPS
 * answers are passives (7–8). The planted ones are recoveries and promoters.
 */

const EVERYDAY_SUBJECTS = ['Where is my parcel?', 'Change of delivery address', 'Question about sizing', 'Invoice copy, please', 'Gift wrapping for my order', 'Discount code not working'];
const MONEY_BACK_SUBJECTS = ['Refund for my order, please', 'I want my money back', 'How do I return the scarf?'];

type Step = { hours: number } & TicketChange;

const later = (at: Date, hours: number): Date => new Date(Math.round((at.getTime() + hours * HOUR) / 1000) * 1000);

/** Sends a ticket's changes, each `hours` after it opened. @returns the ticket's id and its last change. */
function ticket(b: StoreBuilder, customer: Customer, subject: string, openedAt: Date, steps: readonly Step[]): { ticketId: string; lastAt: Date } {
  const ticketId = `T-${b.id()}`;
  let lastAt = openedAt;
  for (const { hours, ...change } of steps) {
    lastAt = later(openedAt, hours);
    b.deliver(customer, lastAt, 'generic', genericTicket(customer.person, { eventId: `g-${b.id()}`, ticketId, subject, at: lastAt, ...change }));
  }
  return { ticketId, lastAt };
}

/** Opened, answered, solved within 40 hours; one in seven reopened once and solved again within 50. */
function everydayTicket(b: StoreBuilder, customer: Customer, lastDay = b.days - 1): { ticketId: string; lastAt: Date } {
  const answered = b.rng.between(1, 8);
  const solved = answered + b.rng.between(6, 32);
  const steps: Step[] = [
    { hours: 0, change: 'opened' },
    { hours: answered, change: 'status_changed', status: 'pending' },
    { hours: solved, change: 'status_changed', status: 'solved' },
  ];
  if (b.rng.chance(0.15)) {
    const reopened = solved + b.rng.between(1, 4);
    steps.push({ hours: reopened, change: 'status_changed', status: 'open' }, { hours: reopened + b.rng.between(1, 6), change: 'status_changed', status: 'solved' });
  }
  return ticket(b, customer, b.rng.pick(EVERYDAY_SUBJECTS), windowTime(b, 0, lastDay), steps);
}

function rate(b: StoreBuilder, customer: Customer, ticketId: string, after: Date, rating: 'good' | 'okay' | 'bad', comment?: string): void {
  const at = later(after, b.rng.between(1, 20));
  const n = b.id();
  b.deliver(customer, at, 'generic', genericSatisfaction(customer.person, { eventId: `g-${n}`, ratingId: `R-${n}`, rating, ticketId, at, ...(comment ? { comment } : {}) }));
}

function answerNps(b: StoreBuilder, customer: Customer, score: number, comment?: string): void {
  const at = windowTime(b, 0, b.days - 1);
  const n = b.id();
  b.deliver(customer, at, 'generic', genericNps(customer.person, { eventId: `g-${n}`, responseId: `nps-${n}`, score, at, ...(comment ? { comment } : {}) }));
}

export interface SupportCounts {
  everydayTickets: number;
  everydayNps: number;
  /** Per recovery reason. */
  recoveryEach: number;
  promoterNps: number;
  promoterComment: number;
}

/**
 * Adds the support traffic. Everyday events go to random background
 * customers; each planted moment to a different one (a few to survey
 * respondents who never ordered).
 */
export function support(b: StoreBuilder, pool: readonly Customer[], counts: SupportCounts): void {
  for (let i = 0; i < counts.everydayTickets; i++) {
    const customer = b.rng.pick(pool);
    const { ticketId, lastAt } = everydayTicket(b, customer);
    if (!b.rng.chance(0.3)) continue;
    // A "good" with a comment would be a promoter; everyday comments come with "okay".
    const good = b.rng.chance(0.7);
    rate(b, customer, ticketId, lastAt, good ? 'good' : 'okay', !good && b.rng.chance(0.5) ? 'Took a while, but fine.' : undefined);
  }
  for (let i = 0; i < counts.everydayNps; i++) answerNps(b, b.rng.pick(pool), b.rng.int(7, 8), b.rng.chance(0.4) ? 'Good, shipping could be faster.' : undefined);

  const used = new Set<Customer>();
  const someone = (): Customer => {
    if (b.rng.chance(0.1)) return b.customer('visitor');
    const free = pool.filter((customer) => !used.has(customer));
    const customer = b.rng.pick(free);
    used.add(customer);
    return customer;
  };
  const plant = (customer: Customer, kind: 'recovery' | 'promoter', why: string) => b.plant(customer, kind, why);
  for (let i = 0; i < counts.recoveryEach; i++) {
    const twice = someone();
    const [solved, reopened, solvedAgain, reopenedAgain] = [b.rng.between(3, 8), b.rng.between(1, 3), b.rng.between(2, 6), b.rng.between(1, 3)];
    const opened = [solved, solved + reopened, solved + reopened + solvedAgain, solved + reopened + solvedAgain + reopenedAgain] as const;
    ticket(b, twice, b.rng.pick(EVERYDAY_SUBJECTS), windowTime(b, 0, b.days - 3), [
      { hours: 0, change: 'opened' },
      { hours: opened[0], change: 'status_changed', status: 'solved' },
      { hours: opened[1], change: 'status_changed', status: 'open' },
      { hours: opened[2], change: 'status_changed', status: 'solved' },
      { hours: opened[3], change: 'status_changed', status: 'open' },
      { hours: opened[3] + b.rng.between(2, 6), change: 'status_changed', status: 'solved' },
    ]);
    plant(twice, 'recovery', 'ticket reopened twice');

    const waiting = someone();
    ticket(b, waiting, b.rng.pick(EVERYDAY_SUBJECTS), windowTime(b, 0, b.days - 5), [
      { hours: 0, change: 'opened' },
      { hours: 20, change: 'agent_replied' },
      { hours: b.rng.between(78, 100), change: 'status_changed', status: 'solved' },
    ]);
    plant(waiting, 'recovery', 'ticket waiting over 72 h');

    const refund = someone();
    const answered = b.rng.between(1, 6);
    ticket(b, refund, b.rng.pick(MONEY_BACK_SUBJECTS), windowTime(b, 0, b.days - 2), [
      { hours: 0, change: 'opened' },
      { hours: answered, change: 'status_changed', status: 'pending' },
      { hours: answered + b.rng.between(6, 24), change: 'status_changed', status: 'solved' },
    ]);
    plant(refund, 'recovery', 'ticket asks for money back');

    const unhappy = someone();
    const rated = everydayTicket(b, unhappy, b.days - 4);
    rate(b, unhappy, rated.ticketId, rated.lastAt, 'bad', b.rng.chance(0.5) ? 'Nobody read my message.' : undefined);
    plant(unhappy, 'recovery', 'rated the support bad');

    const detractor = someone();
    const score = b.rng.int(0, 6);
    answerNps(b, detractor, score, b.rng.chance(0.5) ? 'Arrived broken.' : undefined);
    plant(detractor, 'recovery', `NPS ${score}`);
  }
  for (let i = 0; i < counts.promoterNps; i++) {
    const fan = someone();
    const score = b.rng.int(9, 10);
    answerNps(b, fan, score, b.rng.chance(0.5) ? 'Love the scarves!' : undefined);
    plant(fan, 'promoter', `NPS ${score}`);
  }
  for (let i = 0; i < counts.promoterComment; i++) {
    const fan = someone();
    const rated = everydayTicket(b, fan, b.days - 4);
    rate(b, fan, rated.ticketId, rated.lastAt, 'good', 'Quick and kind, thank you!');
    plant(fan, 'promoter', 'rated the support good, with a comment');
  }
}
