import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body into memory with a hard size cap. Webhook signatures
 * cover the exact raw bytes, so the body has to be buffered before parsing —
 * which is exactly why an unbounded read would let any client exhaust memory.
 */

export const ONE_MIB = 1024 * 1024;

export type BodyErrorCode = 'body_too_large' | 'body_aborted';

export class BodyError extends Error {
  /** The HTTP status to answer with: 413 for too large, 400 for an aborted body. */
  readonly status: 413 | 400;

  constructor(
    readonly code: BodyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
    this.status = code === 'body_too_large' ? 413 : 400;
  }
}

/**
 * Buffers the whole request body, refusing anything larger than `limitBytes`.
 *
 * A body announced too large by Content-Length is refused before a byte is
 * read; a body that grows past the limit while streaming (chunked encoding) is
 * refused as soon as it crosses it, and the rest is left unread. In both cases
 * the remainder is still on the wire, so answer with `Connection: close` (or
 * destroy the request) rather than keeping the connection alive.
 *
 * @returns a promise of the raw body bytes, exactly as received. It never
 * throws synchronously; it rejects with a `BodyError`: `body_too_large`
 * (status 413) over the limit, `body_aborted` (status 400) when the client
 * goes away or the stream errors before the body is complete.
 */
export function readRawBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const announced = announcedLength(req);
    if (announced !== undefined && announced > limitBytes) {
      reject(tooLarge(limitBytes));
      return;
    }
    if (req.readableEnded || req.destroyed) {
      // Nothing would ever fire again; waiting would hang the handler forever.
      reject(new BodyError('body_aborted', 'request body was already consumed or closed'));
      return;
    }

    const chunks: Buffer[] = [];
    let received = 0;

    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limitBytes) {
        cleanup();
        // Pausing stops pulling from the socket, so an oversized upload costs
        // at most one chunk past the limit instead of the whole body.
        req.pause();
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, received));
    };
    // 'close' before 'end' means the client hung up mid-body; 'error' is how
    // Node reports the same reset (ECONNRESET "aborted").
    const onAbort = (): void => {
      cleanup();
      reject(new BodyError('body_aborted', 'client aborted the request before the body was complete'));
    };

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

/**
 * Content-Length as a number, or undefined when absent (chunked uploads).
 * Node's HTTP parser has already refused malformed values with a 400.
 */
function announcedLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isFinite(length) ? length : undefined;
}

function tooLarge(limitBytes: number): BodyError {
  return new BodyError('body_too_large', `request body exceeds the limit of ${limitBytes} bytes`);
}
