import Database from 'better-sqlite3';
import { logLinesContaining } from './log-check.js';
import type { Harness } from './harness.js';

/**
 * The birthday stored for a customer, read from the database file through a
 * read-only connection of its own, so the check sees only what was committed.
 * @returns the `customers.birthday` of the customer with that (normalized)
 * e-mail: null when none is known, undefined when there is no such customer.
 */
export function storedBirthday(h: Harness, email: string): string | null | undefined {
  const file = new Database(h.config.databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = file.prepare('select birthday from customers where email = ?').get(email) as { birthday: string | null } | undefined;
    return row?.birthday;
  } finally {
    file.close();
  }
}

/** @returns the log lines reporting an unreadable birthday, each as its source, code and field. */
export function ignoredBirthdayLogs(h: Harness): { source: unknown; code: unknown; field: unknown }[] {
  return logLinesContaining(h.logs, 'birthday_unreadable').map((line) => {
    const { source, code, field } = JSON.parse(line) as Record<string, unknown>;
    return { source, code, field };
  });
}
