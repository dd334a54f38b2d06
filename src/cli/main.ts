import { Command, CommanderError } from 'commander';
import { ClientConfigError } from '../analysis/load/client-config.ts';
import { ClientFolderError } from '../analysis/load/client-folder.ts';
import { FileChangedError } from '../lib/file-bytes.ts';
import { runBuild } from './build-command.ts';
import { runInit } from './init-command.ts';
import { UserError } from './user-error.ts';
import { runValidate } from './validate-command.ts';

function isUserError(e: unknown): e is Error {
  return (
    e instanceof UserError ||
    e instanceof ClientFolderError ||
    e instanceof ClientConfigError ||
    // another build wrote the same output folder at the same time
    e instanceof FileChangedError ||
    (e instanceof Error && e.name === 'BuildError')
  );
}

const program = new Command()
  .name('trueup')
  .description('Cisco licensing review: client exports → static site, PDF and findings exports')
  .exitOverride()
  .showHelpAfterError();

program
  .command('build')
  .description('analysis + site + PDF + exports for one or many client folders')
  .argument('<dirs...>', 'client folders (data/clients/<id>)')
  .option('--out <dir>', 'output folder; each client goes to <out>/<id>/', 'dist')
  .option('--no-pdf', 'skip the PDF')
  .option('--no-site', 'skip the site and PDF (exports only)')
  .option('--redact', 'hash serials and hostnames in every output')
  .option('--protect', 'encrypt the site pages with a password (--password or TRUEUP_PASSWORD)')
  .option('--password <password>', 'password for --protect')
  .action(async (dirs: string[], opts) => {
    await runBuild(dirs, opts);
  });

program
  .command('validate')
  .description('load only: print the ledger and every error; exit 1 on errors')
  .argument('<dir>', 'client folder')
  .action(async (dir: string) => {
    process.exitCode = await runValidate(dir);
  });

program
  .command('init')
  .description('scaffold a client folder with a README of what goes where')
  .argument('<dir>', 'new client folder')
  .action(async (dir: string) => {
    await runInit(dir);
  });

program
  .command('dev')
  .description('serve the site and rebuild when workbook/ or templates/ change')
  .argument('<dir>', 'client folder')
  .option('--out <dir>', 'output folder', 'dist')
  .option('--port <port>', 'port on 127.0.0.1', '4321')
  .action(async (dir: string, opts) => {
    const { runDev } = await import('./dev-command.ts');
    await runDev(dir, opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
  } else if (isUserError(e)) {
    process.stderr.write(`trueup: ${e.message}\n`);
    process.exitCode = 1;
  } else {
    const err = e as Error;
    process.stderr.write(
      `trueup: internal error: ${err?.message ?? String(e)}\n` +
        (process.env.TRUEUP_DEBUG ? `${err?.stack}\n` : 'Set TRUEUP_DEBUG=1 for details and report it.\n'),
    );
    process.exitCode = 2;
  }
}
