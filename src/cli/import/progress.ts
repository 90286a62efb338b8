import cliProgress from 'cli-progress';

/** What the bar shows next to the bytes read. */
export interface ProgressStats {
  rows: number;
  orders: number;
  newCustomers: number;
}

export interface Progress {
  /**
   * Moves the bar to `bytesRead`. `stats` is only called when the bar is
   * redrawn (a few times a second), so it may run a query.
   */
  update(bytesRead: number, stats: () => ProgressStats): void;
  /** Draws the final state and gives the terminal line back; call before printing anything else. */
  stop(bytesRead: number, stats: ProgressStats): void;
}

/** The stream the bar draws on; `process.stderr` in real use. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/** How often the counts are recomputed: often enough to look alive, rarely enough to cost nothing. */
const REDRAW_MS = 250;

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar over the bytes of the input, with rows, orders, new
 * customers, a rate and an ETA — only on a terminal: piped into a file or a
 * CI log, redraw codes would be noise.
 */
export function createProgress(stream: ProgressStream, totalBytes: number): Progress {
  if (stream.isTTY !== true) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {done} of {size} | {rows} rows, {orders} orders, {customers} new customers | {rate} rows/s | ETA {eta_formatted}',
      hideCursor: true,
      // The ETA averages over the last ~10 s of redraws, not the last 2.5 s.
      etaBuffer: 40,
      fps: 1000 / REDRAW_MS,
    },
    cliProgress.Presets.shades_classic,
  );
  const startedAt = Date.now();
  let drawnAt = 0;
  const payload = (stats: ProgressStats) => ({
    done: megabytes(0),
    size: megabytes(totalBytes),
    rows: stats.rows.toLocaleString('en-US'),
    orders: stats.orders.toLocaleString('en-US'),
    customers: stats.newCustomers.toLocaleString('en-US'),
    rate: Math.round(stats.rows / Math.max((Date.now() - startedAt) / 1000, 0.001)).toLocaleString('en-US'),
  });
  bar.start(Math.max(totalBytes, 1), 0, payload({ rows: 0, orders: 0, newCustomers: 0 }));
  return {
    update(bytesRead, stats) {
      const now = Date.now();
      if (now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      bar.update(bytesRead, { ...payload(stats()), done: megabytes(bytesRead) });
    },
    stop(bytesRead, stats) {
      bar.update(bytesRead, { ...payload(stats), done: megabytes(bytesRead) });
      bar.stop();
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
