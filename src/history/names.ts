/**
 * Lower-cases and trims an e-mail address. Gmail dots and `+tags` are kept on
 * purpose: different people can share such patterns, and merging two real
 * customers is worse than showing one customer twice.
 */
export function normalizeEmail(email: string | undefined | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed && trimmed.includes('@') ? trimmed : null;
}

/** Joins first and last name; null when neither is known. */
export function displayName(firstName: string | null, lastName: string | null): string | null {
  const name = [firstName, lastName].filter(Boolean).join(' ').trim();
  return name || null;
}
