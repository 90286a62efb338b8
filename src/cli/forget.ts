import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, runMigrations } from '../db/client.js';
import { forgetCustomerByEmail, type ForgetOutcome } from '../history/privacy/index.js';
import { normalizeEmail } from '../history/names.js';

/** What the CLI needs from the environment: only the database, so it runs without any Slack variables. */
export interface CliConfig {
  databasePath: string;
}

/** Reads `DATABASE_PATH` (default ./data/delight.db, as for the bot). */
export function readCliConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  const path = env.DATABASE_PATH?.trim();
  return { databasePath: path ? path : './data/delight.db' };
}

export const FORGET_USAGE = `Usage: npm run delight -- forget <email> [--db <path>]

Erases everything delightbot holds that identifies the customer with this
e-mail address (profile, source ids, item titles, notes, ticket subjects,
comments), keeps anonymous counts and amounts, re-renders their Slack cards
and clears the database files of the old bytes.

  --db <path>   the database file (default: $DATABASE_PATH or ./data/delight.db)`;

/**
 * `forget <email>`: the erasure a Shopify `customers/redact` does, by hand.
 * Prints counts only, never the data.
 * @returns 0 when erased, 1 when no customer has the e-mail, 2 for usage errors.
 */
export function runForget(args: string[], env: Record<string, string | undefined> = process.env): number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) {
    console.log(FORGET_USAGE);
    return 0;
  }
  const [raw, ...extra] = parsed.positionals;
  const email = normalizeEmail(raw);
  if (!email || extra.length > 0) return usageError('forget takes exactly one e-mail address.');
  const databasePath = parsed.values.db ?? readCliConfig(env).databasePath;
  // Opening a missing file would create an empty database and report "not found" for everyone.
  if (!existsSync(databasePath)) return usageError(`No database at ${databasePath}: set DATABASE_PATH or pass --db.`);
  const database = openDatabase(databasePath);
  try {
    runMigrations(database);
    const outcome = forgetCustomerByEmail(database.db, email, new Date());
    if (!outcome) {
      console.error(`No customer with that e-mail address is held in ${databasePath}. Nothing was changed.`);
      return 1;
    }
    console.log(describe(outcome));
    return 0;
  } finally {
    database.close();
  }
}

function usageError(message: string): number {
  console.error(`${message}\n\n${FORGET_USAGE}`);
  return 2;
}

/** The report: counts per kind of data, so the operator can tell what was held without seeing it. */
export function describe(outcome: ForgetOutcome): string {
  const { counts, scrub } = outcome;
  const rows: [string, number][] = [
    ['customer records', counts.customers],
    ['source ids deleted', counts.identities],
    ['line item titles', counts.lineItems],
    ['nudge notes', counts.nudgeNotes],
    ['moment facts', counts.momentFacts],
    ['gesture messages', counts.gestureTexts],
    ['ticket subjects', counts.ticketSubjects],
    ['rating comments', counts.ratingComments],
    ['payment failure reasons', counts.paymentReasons],
    ['audit details', counts.auditDetails],
    ['old export files deleted', scrub.exportsRemoved],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Erased (privacy request #${outcome.requestId}, ${outcome.matched} customer record${outcome.matched === 1 ? '' : 's'}):`,
    ...rows.map(([label, n]) => `  ${label.padEnd(width)}  ${n}`),
    `${counts.cards} Slack card${counts.cards === 1 ? '' : 's'} queued for re-rendering; a running delightbot updates them within a minute.`,
    scrub.walCleared
      ? 'Database files checkpointed: the old bytes are gone from the file and its WAL.'
      : 'The WAL could not be checkpointed now (a reader was busy); it is cleared at the next checkpoint.',
  ].join('\n');
}
