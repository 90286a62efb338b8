import { pino, type DestinationStream, type Logger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

/**
 * Structured JSON logs. Log calls pass ids and codes, never bodies; the redact
 * list is a second line of defence for fields that must never reach a log.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'delightbot' },
      redact: {
        paths: ['email', '*.email', 'headers', '*.headers', 'body', '*.body', 'token', '*.token', 'secret', '*.secret', 'signature', '*.signature'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** Bolt never logs below INFO: see `boltLogger`. */
const TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.INFO,
  debug: LogLevel.INFO,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt's logger interface on top of pino, so Bolt's own lines share our format.
 * Bolt's and the Web API client's debug lines are dropped at every level: they
 * dump whole request, response and ack bodies (card text, names, e-mails,
 * notes), which the redact list cannot see inside a message string.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: () => undefined,
    info: (...parts) => child.info(text(parts)),
    warn: (...parts) => child.warn(text(parts)),
    error: (...parts) => child.error(text(parts)),
    setLevel: () => undefined,
    getLevel: () => TO_BOLT[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
