import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../helpers/png.js';

const run = promisify(execFile);
describe('npm run delight -- digest-preview', () => {
  it('prints the digest of the sample store and writes the chart and a picture of the message', async () => {
    const out = mkdtempSync(join(tmpdir(), 'delightbot-preview-test-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/delight.ts', 'digest-preview', '--out', out], { timeout: 60_000 });
      expect(stdout).toContain('DELIGHT DIGEST · NOV 16 – 22');
      // The sample store is seeded: with its 10 % holdout the comparison has enough customers to state an interval.
      expect(stdout).toMatch(/Ordered again: [\d.]+% vs [\d.]+% \(gifted \d+ of \d+, holdout \d+ of \d+\) → [+−][\d.]+ pts, 95% interval/);
      expect(stdout).toContain('*Top stories*\n1. ');
      expect(pngSize(readFileSync(join(out, 'digest-chart.png')))).toEqual({ width: 1200, height: 600 });
      const message = pngSize(readFileSync(join(out, 'digest-message.png')));
      expect(message?.width).toBe(840);
      expect(message?.height).toBeGreaterThan(600);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
