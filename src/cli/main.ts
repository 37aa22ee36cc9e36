/**
 * Entry point of the `electra-feedback` executable (bundled to dist/cli.js): runs the
 * CLI, then exits with its status once stdout is flushed. Exiting explicitly also ends
 * native threads that a failed GPU provider may leave behind.
 */
import { main } from './cli';
import { processIO } from './io';

main(process.argv.slice(2), processIO()).then((code) => {
  process.stdout.write('', () => process.exit(code));
});
