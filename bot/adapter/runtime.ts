import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type {
  AutoShutdownService,
  OboExchanger,
  OperationService,
  TokenValidator,
  VmService,
} from '../../src/domain/services.ts';
import { createBotApp, type BotApp } from '../app/bot-app.ts';
import type { VmDetailsReader } from '../app/vm-actions.ts';
import type { ClaimStore } from '../app/sso/claim-store.ts';
import type { SecretBox } from '../../src/state/secret-box.ts';
import type { StateStore } from '../../src/state/store.ts';
import type { SignInSettings } from '../cards/sign-in.ts';
import { BOT_COMMANDS } from '../commands/catalog.ts';
import { VmBotActivityHandler } from './activity-handler.ts';
import { createCloudAdapter, isAnonymous, type BotIdentityConfig } from './cloud-adapter.ts';
import { createMessagesEndpoint } from './messages-endpoint.ts';
import { createProactivePort } from './proactive.ts';
import { createCommandBot } from './teamsfx-commands.ts';

export interface TeamsBotRuntimeOptions {
  readonly identity: BotIdentityConfig;
  readonly signIn: SignInSettings;
  readonly vms: VmService;
  readonly operations: OperationService;
  readonly tokens: TokenValidator;
  readonly obo: OboExchanger;
  /** The VM's details as the user reads them (the VM card's Connect). */
  readonly details?: VmDetailsReader;
  readonly autoShutdown?: AutoShutdownService;
  readonly logger: Logger;
  /** Default: first-writer-wins claims in `state`. */
  readonly claims?: ClaimStore;
  /** The bot's shared state (tokens, pending work, tracked cards, claims). */
  readonly state: StateStore;
  readonly box: SecretBox;
}

export interface TeamsBotRuntime {
  readonly app: BotApp;
  /** True when Bot Framework authentication is off (local development). */
  readonly anonymous: boolean;
  /** The `POST /api/messages` handler. */
  messages(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires the Bot Framework side: CloudAdapter (authenticated or anonymous), TeamsFx command routing,
 * the activity handler for invokes, proactive updates, and the bot app behind them. Everything that
 * imports botbuilder or TeamsFx lives in this folder.
 */
export function createTeamsBotRuntime(options: TeamsBotRuntimeOptions): TeamsBotRuntime {
  const anonymous = isAnonymous(options.identity);
  const adapter = createCloudAdapter(options.identity, options.logger);
  const app = createBotApp({
    vms: options.vms,
    operations: options.operations,
    tokens: options.tokens,
    obo: options.obo,
    ...(options.details ? { details: options.details } : {}),
    ...(options.autoShutdown ? { autoShutdown: options.autoShutdown } : {}),
    signIn: options.signIn,
    proactive: createProactivePort(adapter, options.identity.appId),
    ...(options.claims ? { claims: options.claims } : {}),
    state: options.state,
    box: options.box,
    ...(options.identity.appId ? { botAppId: options.identity.appId } : {}),
    logger: options.logger,
  });
  const handler = new VmBotActivityHandler(app);
  const conversationBot = createCommandBot(adapter, app, BOT_COMMANDS);
  const messages = createMessagesEndpoint({
    process: (req, res, logic) => conversationBot.requestHandler(req, res, logic),
    handler,
    anonymous,
    logger: options.logger,
  });
  return { app, anonymous, messages, close: () => app.close() };
}
