import { Command, CommanderError } from 'commander';
import { createContext, reportError } from './context.ts';
import { registerCommands } from './commands.ts';

const program = new Command()
  .name('siyu')
  .description('Siyu (私域) — private-domain customer operations engine')
  .option('-w, --workspace <id>', 'workspace to work in (env SIYU_WORKSPACE, default "default")')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program, createContext());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    process.exitCode = reportError(err);
  }
}
