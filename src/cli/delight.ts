import { parseArgs } from 'node:util';
import { runAudit } from './audit.js';
import { runDigestPreview } from './digest-preview.js';
import { runForget } from './forget.js';
import { runImport } from './import/index.js';

/**
 * `npm run delight -- <command>`: operator commands that work on the database
 * directly, without Slack credentials.
 */

const HELP = `Usage: npm run delight -- <command> [options]

Commands:
  audit [...]      export the audit log as CSV (see: npm run delight -- audit --help)
  digest-preview   the weekly digest of a generated sample store, with its chart as PNG
  forget <email>   erase a customer's personal data (as Shopify's customers/redact does)
  import ...       import history from a file (see: npm run delight -- import --help)
  help             show this help

Environment: DATABASE_PATH (default ./data/delight.db).`;

type Command = (args: string[]) => Promise<number> | number;

const COMMANDS: Record<string, Command> = {
  audit: (args) => runAudit(args),
  'digest-preview': (args) => runDigestPreview(args),
  forget: (args) => runForget(args),
  import: (args) => runImport(args),
  help: () => {
    console.log(HELP);
    return 0;
  },
};

/**
 * Dispatches to a sub-command.
 * @returns the process exit code: 0 done, 1 the command found nothing to do (or nothing matched), 2 usage errors.
 */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv.slice(0, 1),
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const name = positionals[0];
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  if (name === undefined) {
    console.error(HELP);
    return 2;
  }
  // Own keys only: "toString" must not reach Object.prototype.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  return command(argv.slice(1));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
