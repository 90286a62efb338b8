import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signHmacBase64, verifyHmacBase64, type HmacAlgorithm } from '../src/ingest/hmac.js';

const BODY = Buffer.from('{"id":5884220915927,"total_price":"149.19","email":"maya@example.com"}', 'utf8');
const SECRET = 'shpss_current_0123456789abcdef';
const OLD_SECRET = 'shpss_previous_fedcba9876543210';
const GOOD = signHmacBase64(BODY, SECRET);

function flipLastByte(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0x01;
  return copy;
}

describe('signHmacBase64', () => {
  it('produces the base64 HMAC-SHA256 Shopify sends in X-Shopify-Hmac-Sha256', () => {
    expect(GOOD).toBe(createHmac('sha256', SECRET).update(BODY).digest('base64'));
    expect(GOOD).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('signs a string body like the same bytes', () => {
    expect(signHmacBase64(BODY.toString('utf8'), SECRET)).toBe(GOOD);
  });

  it('supports sha1', () => {
    expect(signHmacBase64(BODY, SECRET, 'sha1')).toBe(createHmac('sha1', SECRET).update(BODY).digest('base64'));
  });
});

describe('verifyHmacBase64', () => {
  const cases: {
    name: string;
    body?: Buffer | string;
    header: string | undefined;
    secrets: readonly string[];
    algorithm?: HmacAlgorithm;
    expected: boolean;
  }[] = [
    { name: 'correct signature', header: GOOD, secrets: [SECRET], expected: true },
    { name: 'string body with the same bytes', body: BODY.toString('utf8'), header: GOOD, secrets: [SECRET], expected: true },
    { name: 'wrong secret', header: GOOD, secrets: ['shpss_someone_else'], expected: false },
    { name: 'rotated secrets: the second secret matches', header: GOOD, secrets: [OLD_SECRET, SECRET], expected: true },
    {
      name: 'rotated secrets: a body still signed with the old secret matches',
      header: signHmacBase64(BODY, OLD_SECRET),
      secrets: [SECRET, OLD_SECRET],
      expected: true,
    },
    { name: 'truncated header', header: GOOD.slice(0, -4), secrets: [SECRET], expected: false },
    { name: 'header without its padding', header: GOOD.replace(/=+$/, ''), secrets: [SECRET], expected: false },
    { name: 'header with trailing junk', header: `${GOOD}AA`, secrets: [SECRET], expected: false },
    { name: 'empty header', header: '', secrets: [SECRET], expected: false },
    { name: 'missing header', header: undefined, secrets: [SECRET], expected: false },
    { name: 'non-base64 garbage of the right length', header: '!'.repeat(GOOD.length), secrets: [SECRET], expected: false },
    { name: 'non-ASCII garbage', header: 'ü'.repeat(22), secrets: [SECRET], expected: false },
    { name: 'hex digest instead of base64', header: createHmac('sha256', SECRET).update(BODY).digest('hex'), secrets: [SECRET], expected: false },
    { name: 'body changed by one byte', body: flipLastByte(BODY), header: GOOD, secrets: [SECRET], expected: false },
    { name: 'empty secret list', header: GOOD, secrets: [], expected: false },
    { name: 'empty secret never verifies a body signed with the empty key', header: signHmacBase64(BODY, ''), secrets: [''], expected: false },
    { name: 'sha1 signature verified as sha1', header: signHmacBase64(BODY, SECRET, 'sha1'), secrets: [SECRET], algorithm: 'sha1', expected: true },
    { name: 'sha1 signature verified as sha256', header: signHmacBase64(BODY, SECRET, 'sha1'), secrets: [SECRET], expected: false },
  ];

  it.each(cases)('$name → $expected', ({ body = BODY, header, secrets, algorithm, expected }) => {
    expect(verifyHmacBase64(body, header, secrets, algorithm)).toBe(expected);
  });
});
