import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('npm run delight -- digest-preview', () => {
  it('prints the digest of the sample store and writes the chart and a picture of the message', async () => {
    const out = mkdtempSync(join(tmpdir(), 'delightbot-preview-test-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/delight.ts', 'digest-preview', '--out', out], { timeout: 60_000 });
      expect(stdout).toContain('DELIGHT DIGEST · NOV 16 – 22');
      // The sample store is seeded: with its 10 % holdout the comparison has enough customers to state an interval.
      expect(stdout).toMatch(/Ordered again: [\d.]+% vs [\d.]+% \(gifted \d+ of \d+, holdout \d+ of \d+\) → [+−][\d.]+ pts, 95% interval/);
      expect(stdout).toContain('*Top stories*\n1. ');
      expect(pngSize(join(out, 'digest-chart.png'))).toEqual([1200, 600]);
      const [width, height] = pngSize(join(out, 'digest-message.png'));
      expect(width).toBe(840);
      expect(height).toBeGreaterThan(600);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
