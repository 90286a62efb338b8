import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase, runMigrations, type Db } from '../db/client.js';
import { auditEntriesOldestFirst, countAuditEntries, type AuditFilter } from '../gestures/audit-trail.js';
import { findCustomers } from '../history/find-customers.js';
import { normalizeEmail } from '../history/names.js';
import { isCurrencyCode } from '../money.js';
import { addDays, isTimeZone, startOfLocalDate } from '../nudges/local-time.js';
import { auditCsvHeader, auditCsvRecord } from './audit-csv.js';
import { readCliConfig } from './forget.js';

export const AUDIT_USAGE = `Usage: npm run delight -- audit [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--customer <email>] [--actor <member id>] [--out <file.csv>] [--db <path>]

Exports the audit log — every approval, refusal, skip, note, fulfilment,
cancellation, reminder, expiry and budget change — as CSV (RFC 4180), one
row per entry, oldest first, to the file or to standard output.

  --from, --to     days in DELIGHT_TIMEZONE (UTC when unset); --to includes its day
  --customer       only the entries about the customer with this e-mail address
  --actor          only the entries by this Slack member (e.g. U0123ABC)
  --out <file>     write there instead of standard output (a new file is readable by its owner only)
  --db <path>      the database file (default: $DATABASE_PATH or ./data/delight.db)

Columns: at (ISO 8601, UTC), at_local (DELIGHT_TIMEZONE), actor, action,
amount (major units), currency, nudge_id, customer_id, customer_email (empty
after an erasure), gesture_id, detail (JSON). A cell starting with = + - or @
is prefixed with ' so a spreadsheet never runs it as a formula.`;

interface AuditOptions {
  databasePath: string;
  filter: AuditFilter;
  customerEmail: string | null;
  out: string | null;
  timeZone: string;
  currency: string;
}

/**
 * `audit`: the audit log as CSV. Needs only the database.
 * @returns 0 when written, 1 when a filter matches nothing (or names an unknown customer), 2 for usage errors.
 */
export async function runAudit(args: string[], env: Record<string, string | undefined> = process.env, stdout: Writable = process.stdout): Promise<number> {
  const options = readOptions(args, env);
  if (typeof options === 'string') {
    if (options === 'help') {
      console.log(AUDIT_USAGE);
      return 0;
    }
    console.error(`${options}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  const database = openDatabase(options.databasePath);
  try {
    runMigrations(database);
    const filter = resolveCustomer(database.db, options);
    if (!filter) {
      console.error(`No customer with that e-mail address is held in ${options.databasePath}.`);
      return 1;
    }
    const filtered = Object.keys(filter).length > 0;
    if (filtered && countAuditEntries(database.db, filter) === 0) {
      console.error('No audit entries match these filters. Nothing was written.');
      return 1;
    }
    const written = await writeCsv(database.db, filter, options, stdout);
    if (options.out) console.log(`Wrote ${written} audit ${written === 1 ? 'entry' : 'entries'} to ${options.out}.`);
    return 0;
  } finally {
    database.close();
  }
}

function resolveCustomer(db: Db, options: AuditOptions): AuditFilter | null {
  if (options.customerEmail === null) return options.filter;
  const [customer] = findCustomers(db, { by: 'email', email: options.customerEmail }, 1);
  return customer ? { ...options.filter, customerId: customer.customerId } : null;
}

/**
 * Streams the header and every entry, batch by batch, waiting whenever the
 * output is full. A file that cannot be written, or a closed pipe (`| head`),
 * stops the export; only the former is an error (thrown as the system's, naming the file).
 */
async function writeCsv(db: Db, filter: AuditFilter, options: AuditOptions, stdout: Writable): Promise<number> {
  const output = options.out ? createWriteStream(options.out, { mode: 0o600 }) : stdout;
  let failure: NodeJS.ErrnoException | null = null;
  const onError = (error: NodeJS.ErrnoException) => {
    failure = error;
  };
  output.on('error', onError);
  const write = async (text: string) => {
    if (!output.write(text)) await writable(output);
  };
  let written = 0;
  try {
    await write(auditCsvHeader());
    for (const batch of auditEntriesOldestFirst(db, filter)) {
      if (failure) break;
      await write(batch.map((entry) => auditCsvRecord(entry, options.timeZone, options.currency)).join(''));
      written += batch.length;
    }
    if (output !== stdout) {
      output.end();
      if (!output.closed) await once(output, 'close');
    }
  } finally {
    output.off('error', onError);
  }
  const error = failure as NodeJS.ErrnoException | null;
  if (error && error.code !== 'EPIPE') throw error;
  return written;
}

/** Resolves when the stream can take more, or will never again (closed or failed: the caller checks). */
function writable(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) stream.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) stream.on(event, done);
  });
}

/** The options, or a usage problem ("help" for --help). */
function readOptions(args: string[], env: Record<string, string | undefined>): AuditOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        customer: { type: 'string' },
        actor: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const timeZone = env.DELIGHT_TIMEZONE?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) return `DELIGHT_TIMEZONE "${timeZone}" is not an IANA time zone such as Europe/Berlin.`;
  const currency = env.DELIGHT_BUDGET_CURRENCY?.trim().toUpperCase() || 'USD';
  if (!isCurrencyCode(currency)) return `DELIGHT_BUDGET_CURRENCY "${currency}" is not an ISO 4217 code such as USD.`;
  const from = values.from === undefined ? undefined : dayStart(values.from, timeZone, 0);
  const to = values.to === undefined ? undefined : dayStart(values.to, timeZone, 1);
  if (from === null || to === null) return '--from and --to take a date such as 2026-11-01.';
  if (from && to && from.getTime() >= to.getTime()) return '--from is after --to.';
  const customerEmail = values.customer === undefined ? null : normalizeEmail(values.customer);
  if (values.customer !== undefined && customerEmail === null) return '--customer takes an e-mail address.';
  if (values.actor !== undefined && !/^[UW][A-Z0-9]{2,}$/.test(values.actor)) return '--actor takes a Slack member ID such as U0123ABC.';
  const databasePath = values.db ?? readCliConfig(env).databasePath;
  // Opening a missing file would create an empty database and export nothing.
  if (!existsSync(databasePath)) return `No database at ${databasePath}: set DATABASE_PATH or pass --db.`;
  const filter: AuditFilter = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(values.actor ? { actorId: values.actor } : {}) };
  return { databasePath, filter, customerEmail, out: values.out ?? null, timeZone, currency };
}

/** Local midnight starting the given day (plus `days`), or null for anything but a real YYYY-MM-DD date. */
function dayStart(text: string, timeZone: string, days: number): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const given = new Date(Date.UTC(year, month - 1, day));
  if (given.getUTCFullYear() !== year || given.getUTCMonth() !== month - 1 || given.getUTCDate() !== day) return null;
  return startOfLocalDate(addDays(text, days), timeZone);
}
