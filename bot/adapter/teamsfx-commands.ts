import type { CloudAdapter, TurnContext } from 'botbuilder';
import teamsfx, { type TeamsFxBotCommandHandler } from '@microsoft/teamsfx';
import type { BotApp } from '../app/bot-app.ts';
import type { BotCommand } from '../commands/catalog.ts';
import { COMMAND_HANDLED } from './activity-handler.ts';
import { toTurn } from './turn-port.ts';

/**
 * TeamsFx's ConversationBot command routing: one TeamsFx command handler per catalog command (its
 * middleware strips the bot's @mention and matches the trigger). Every handler hands the message to
 * the bot app, which parses it (the same parser that replays a command after sign-in).
 * TeamsFx's SSO and card-action parts are not used: its SSO runs its own MSAL OBO (a second token
 * path) and its card-action middleware rethrows handler errors and pushes a card to everyone
 * whenever it carries `refresh`.
 */
export function createCommandBot(adapter: CloudAdapter, app: BotApp, commands: readonly BotCommand[]) {
  const handlers: TeamsFxBotCommandHandler[] = commands.map((command) => ({
    triggerPatterns: new RegExp(`^\\s*${escapeRegExp(command.title)}(?:\\s|$)`, 'i'),
    async handleCommandReceived(context: TurnContext) {
      context.turnState.set(COMMAND_HANDLED, true);
      await app.onMessage(toTurn(context), {
        text: context.activity.text ?? '',
        value: context.activity.value,
      });
    },
  }));
  return new teamsfx.BotBuilderCloudAdapter.ConversationBot({
    adapter,
    command: { enabled: true, commands: handlers },
  });
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
