/** Every CLI command, registered in one place. Each domain keeps its commands in its own file. */
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { registerStoreCommands } from './store.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerCustomerCommands } from './customers.command.ts';
import { registerTagsCommands } from './tags.command.ts';
import { registerImportCommands } from './import.command.ts';
import { registerDemoCommands } from './demo.command.ts';
import { registerModelCommands } from './models.command.ts';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerServeCommand(program, ctx);
  registerCustomerCommands(program, ctx);
  registerTagsCommands(program, ctx);
  registerModelCommands(program, ctx);
  registerImportCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerStoreCommands(program, ctx);
}
