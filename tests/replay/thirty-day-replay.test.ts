import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { deliverHour, importHistory, REPLAY_SOURCES_ENV, sendSeed } from './deliver.js';
import { DAY, HOUR, type GeneratedStore } from './model.js';
import { localDate } from './plan-checks.js';
import { countByKind, foundMoments, holdoutCustomers, holdoutLeaks, missing, overCap, plantedInHoldout, postedPerDay, unexpected, wronglyHeldOut, type FoundMoment } from './replay-checks.js';
import { SHIPPING_PLAYBOOK_YAML } from './store-builder.js';
import { generateStore } from './store-generator.js';

/**
 * The 30-day replay: a generated month of a store with ~300 orders a day,
 * planted moments of every kind and a few hundred support events, sent over
 * real HTTP with real signatures while the clock advances hour by hour and
 * the periodic jobs run after each hour. Then: every planted moment was
 * found, nothing else was, no day posted more than the cap, and the holdout
 * saw no proactive card.
 */

const DAILY_CAP = 20;
const IN_FLIGHT = 8;
/** A ceiling for a busy CI machine, not a target: the replay prints how long it took. */
const REPLAY_TIMEOUT = 600_000;
// tmpfs makes the database's fsyncs free; the replay measures the app, not the disk.
const DB_PARENT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

describe('the 30-day replay', () => {
  let store: GeneratedStore;
  let h: Harness;
  let configDir: string;
  let found: FoundMoment[];
  const failures: string[] = [];
  const postsPerSimulatedDay = new Map<string, number>();

  beforeAll(async () => {
    store = generateStore();
    configDir = mkdtempSync(join(tmpdir(), 'delightbot-replay-'));
    const configPath = join(configDir, 'playbook.yaml');
    writeFileSync(configPath, SHIPPING_PLAYBOOK_YAML);
    let surprising = false;
    h = await startHarness(
      {
        ...REPLAY_SOURCES_ENV,
        DELIGHT_HOLDOUT_SHARE: '0.1',
        DELIGHT_DAILY_CAP: String(DAILY_CAP),
        DELIGHT_SURPRISE_RATE: '0.03',
        DELIGHT_TIMEZONE: store.timeZone,
        DELIGHT_CONFIG: configPath,
      },
      // The draw says "surprise" only while a planted surprise order is in flight, alone.
      { random: () => (surprising ? 0 : 0.99), parentDir: DB_PARENT },
    );
    const running = h.running;
    const tick = () => running.tick();
    const posts = () => h.standIn.callsTo('chat.postMessage').length;

    const started = performance.now();
    h.clock.now = store.start;
    failures.push(...(await importHistory(h, store.imported, configDir)));
    failures.push(...(await sendSeed(h, store.seed)));
    await running.outbox.idle();
    let counted = posts();
    postsPerSimulatedDay.set(localDate(store.start, store.timeZone), counted);
    const seeded = performance.now();

    let cursor = 0;
    for (let end = store.start.getTime() + HOUR; end <= store.end.getTime(); end += HOUR) {
      // The clock stands at the end of the hour: every fact of the hour has happened, none is in the future.
      h.clock.now = new Date(end);
      const hour = [];
      for (let next = store.deliveries[cursor]; next && next.at.getTime() < end; next = store.deliveries[++cursor]) hour.push(next);
      failures.push(...(await deliverHour(h, hour, { inFlight: IN_FLIGHT, surprise: (on) => (surprising = on) })));
      await tick();
      await running.outbox.idle();
      const day = localDate(h.clock.now, store.timeZone);
      postsPerSimulatedDay.set(day, (postsPerSimulatedDay.get(day) ?? 0) + posts() - counted);
      counted = posts();
    }
    const done = performance.now();
    found = foundMoments(running.db);
    const seconds = (done - seeded) / 1000;
    console.log(
      `replay: ${store.imported.length} imported and ${store.seed.length} seed events in ${((seeded - started) / 1000).toFixed(1)} s; ` +
        `${store.deliveries.length} deliveries over ${store.days * 24} simulated hours in ${seconds.toFixed(1)} s ` +
        `(${Math.round(store.deliveries.length / seconds)} deliveries/s); ${found.length} moments, ${counted} cards posted; ` +
        `planted moments of held-out customers: ${JSON.stringify(plantedInHoldout(store, found, holdoutCustomers(running.db)))}`,
    );
  }, REPLAY_TIMEOUT);

  afterAll(async () => {
    // When the start-up itself failed there is nothing to close, and its error is the one to see.
    await h?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('accepts every delivery', () => {
    expect(failures.slice(0, 20), `${failures.length} deliveries refused`).toEqual([]);
  });

  it('finds every planted moment (recall 100 %)', () => {
    const lost = missing(store.planted, found);
    expect(lost.slice(0, 30), `${lost.length} of ${store.planted.length} planted moments not found, by kind: ${JSON.stringify(countByKind(lost))}`).toEqual([]);
  });

  it('finds no moment where none was planted', () => {
    const extra = unexpected(store.planted, found);
    expect(extra.slice(0, 30), `${extra.length} unplanted moments, by kind: ${JSON.stringify(countByKind(extra))}`).toEqual([]);
  });

  it(`posts at most ${DAILY_CAP} cards a day, and some every day`, () => {
    const perDay = postedPerDay(h.running.db, store.timeZone);
    const cards = [...postsPerSimulatedDay.values()].reduce((sum, n) => sum + n, 0);
    const days = Array.from({ length: store.days }, (_, i) => localDate(new Date(store.start.getTime() + i * DAY + 12 * HOUR), store.timeZone));
    const silentDays = days.filter((day) => (postsPerSimulatedDay.get(day) ?? 0) === 0);
    expect({
      nudgesPostedOverCap: overCap(perDay, DAILY_CAP),
      chatPostMessageOverCap: overCap(postsPerSimulatedDay, DAILY_CAP),
      // Each posted nudge is one card: a cap kept by never setting posted_at would not count.
      nudgesPosted: [...perDay.values()].reduce((sum, n) => sum + n, 0),
      daysWithoutACard: silentDays,
    }).toEqual({ nudgesPostedOverCap: [], chatPostMessageOverCap: [], nudgesPosted: cards, daysWithoutACard: [] });
  });

  it('posts no proactive card for a held-out customer, but holds out some', () => {
    const heldOut = holdoutCustomers(h.running.db);
    const suppressed = new Set(found.filter((m) => m.suppressed === 'holdout').map((m) => m.customerId));
    expect({
      proactiveCardsForHoldout: holdoutLeaks(h.running.db, found).slice(0, 20),
      recoveriesOrCorrectionsHeldOut: wronglyHeldOut(found).slice(0, 20),
      suppressedOutsideHoldout: [...suppressed].filter((id) => !heldOut.has(id)).slice(0, 20),
    }).toEqual({ proactiveCardsForHoldout: [], recoveriesOrCorrectionsHeldOut: [], suppressedOutsideHoldout: [] });
    expect(suppressed.size, 'customers whose moments were held out').toBeGreaterThan(0);
  });
});
