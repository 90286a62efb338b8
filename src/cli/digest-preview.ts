import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, runMigrations } from '../db/client.js';
import { renderBlocks } from '../dev/render-blocks.js';
import { messagePng } from '../dev/message-picture/index.js';
import { plantSampleStore, SAMPLE_APPROVERS, SAMPLE_DIGEST_SETTINGS, SAMPLE_NOW } from '../dev/sample-store.js';
import { buildDigest } from '../digest/build-digest.js';
import { storyNames } from '../digest/story-names.js';
import { digestPeriod } from '../digest/week.js';
import { digestMessage } from '../slack/blocks/digest-message.js';
import { digestChartPng } from '../slack/digest-publisher.js';

const HELP = `Usage: npm run delight -- digest-preview [--out <folder>]

Builds the weekly digest of a generated sample store (half a year of
moments, gestures, a 10 % holdout; no Slack, no real data) as of Monday
Nov 23 2026, 09:00 in New York, prints it and writes two PNGs: the chart,
and a picture of the message as Slack shows it.

  --out <folder>   where to write digest-chart.png and digest-message.png
                   (default: a temporary folder, deleted afterwards)`;


/** `digest-preview`: the digest of a sample store, for a look without a store. @returns the exit code. */
export function runDigestPreview(args: string[]): number {
  const { values } = parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'delightbot-preview-'));
  const opened = openDatabase(join(dir, 'preview.db'));
  try {
    runMigrations(opened);
    plantSampleStore(opened.db, { now: SAMPLE_NOW });
    const settings = SAMPLE_DIGEST_SETTINGS;
    const digest = buildDigest(opened.db, digestPeriod(SAMPLE_NOW, settings.timeZone), settings, SAMPLE_NOW);
    const message = digestMessage(digest, storyNames(opened.db, digest.stories.map((story) => story.customerId)), { chartFollows: true });
    console.log(renderBlocks(message.blocks, { fallbackText: message.text, width: 72 }));
    const out = resolve(values.out ?? dir);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'digest-chart.png'), digestChartPng(digest));
    writeFileSync(join(out, 'digest-message.png'), messagePng(message, { appName: 'delightbot', timeLabel: '9:00 AM', userNames: SAMPLE_APPROVERS }));
    console.log(`\nWritten: ${join(out, 'digest-chart.png')} and ${join(out, 'digest-message.png')}`);
    return 0;
  } finally {
    opened.close();
    if (values.out !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}
