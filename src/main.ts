import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startDelightbot } from './start.js';

/** Entry point: configuration, then everything else; exits on bad config or a signal. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`delightbot cannot start. ${error.message}\nSee .env.example for where to find each value and docs/delight.example.yaml for the playbook file.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const socketMode = process.argv.includes('--dev') && Boolean(config.slack.appToken);
  const running = await startDelightbot({ config, logger, socketMode });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`delightbot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
