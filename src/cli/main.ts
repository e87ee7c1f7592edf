// The `custos` command line: parses arguments and calls library functions; the only layer that prints.
import { Command } from 'commander';
import { registerPolicyCommands } from './commands/policy.js';
import { registerRenderCommands } from './commands/render.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerRightsCommands } from './commands/rights.js';
import { registerGenerateCommands } from './commands/generate.js';
import { registerExampleCommands } from './commands/example.js';
import { registerUserCommands } from './commands/users.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerAnonymizeCommands } from './commands/anonymize.js';
import { registerRequestCommands } from './commands/requests.js';
import { registerRegisterCommands } from './commands/registers.js';
import { registerRetentionCommands } from './commands/retention.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStartCommand } from './commands/start.js';
import { EXIT, fail, tolerateClosedOutput } from './output.js';

const program = new Command()
  .name('custos')
  .description('Privacy-as-code: check, render and keep the promises of a privacy manifest.')
  .version('0.1.0')
  .showHelpAfterError()
  // A usage error ends the command before anything is opened: exiting at once loses nothing.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? EXIT.ok : EXIT.unusable));

tolerateClosedOutput();
registerPolicyCommands(program);
registerRenderCommands(program);
registerRightsCommands(program);
registerRetentionCommands(program);
registerGenerateCommands(program);
registerExampleCommands(program);
registerDemoCommand(program);
registerRequestCommands(program);
registerRegisterCommands(program);
registerUserCommands(program);
registerKeyCommands(program);
registerAuditCommands(program);
registerAnonymizeCommands(program);
registerServeCommand(program);
registerStartCommand(program);

program.parseAsync(process.argv).catch(fail);
