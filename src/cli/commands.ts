/** Every CLI command, registered in one place. Each domain keeps its commands in its own file. */
import type { Command } from 'commander';
import type { CliContext } from './context.ts';
import { registerStoreCommands } from './store.command.ts';
import { registerBackupCommands } from './backup.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerUsersCommands } from './users.command.ts';
import { registerCustomerCommands } from './customers.command.ts';
import { registerTagsCommands } from './tags.command.ts';
import { registerJourneyCommands } from './journeys.command.ts';
import { registerImportCommands } from './import.command.ts';
import { registerDemoCommands } from './demo.command.ts';
import { registerModelCommands } from './models.command.ts';
import { registerClvCommands } from './clv.command.ts';
import { registerAudienceCommands } from './audiences.command.ts';
import { registerSopCommands } from './sop.command.ts';
import { registerRulesCommands } from './rules.command.ts';
import { registerShopCommands } from './shop.command.ts';
import { registerWecomCommands } from './wecom.command.ts';
import { registerOutreachCommands } from './outreach.command.ts';
import { registerSchedulingCommands } from './scheduling.command.ts';
import { registerCalendarCommands } from './calendar.command.ts';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerServeCommand(program, ctx);
  registerUsersCommands(program, ctx);
  registerCustomerCommands(program, ctx);
  registerTagsCommands(program, ctx);
  registerJourneyCommands(program, ctx);
  registerModelCommands(program, ctx);
  registerClvCommands(program, ctx);
  registerAudienceCommands(program, ctx);
  registerSopCommands(program, ctx);
  registerRulesCommands(program, ctx);
  registerImportCommands(program, ctx);
  registerShopCommands(program, ctx);
  registerWecomCommands(program, ctx);
  registerOutreachCommands(program, ctx);
  registerSchedulingCommands(program, ctx);
  registerCalendarCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerStoreCommands(program, ctx);
  registerBackupCommands(program, ctx);
}
