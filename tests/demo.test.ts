import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('replays orders, shows the nudges, the approval, a look-up and the weekly digest without a Slack workspace', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts'], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toContain('→ 200');
    expect(stdout).toContain("JANE SMITH'S 5TH ORDER — ADD A NOTE?");
    expect(stdout).toContain('Last time');
    expect(stdout).toMatch(/\(edited\)[\s\S]*approved a \*\$50 gesture\*/);
    expect(stdout).toContain('$950 left of $1,000');
    expect(stdout).toContain('response_type=ephemeral');
    expect(stdout).toContain('digest for 2026-W48');
    expect(stdout).toContain('DELIGHT DIGEST · NOV 16 – 22');
    expect(stdout).toContain('Budget for November: $50 of $1,000 spent, $950 left');
    expect(stdout).toMatch(/delight-digest-2026-W48\.png \(\d{4,} bytes PNG\)/);
    expect(stdout).toContain('The throw-away database was deleted');
  });
});
