import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { BotApp } from '../app/bot-app.ts';
import { composeError, noResults } from '../app/compose/responses.ts';
import { toTurn } from './turn-port.ts';

/** turnState key: set when a TeamsFx command handler already answered the message. */
export const COMMAND_HANDLED = Symbol('vmBot.commandHandled');

/**
 * Routes Teams activities to the bot app: messages (those no TeamsFx command handler took),
 * installation, and the invokes the SSO and Universal Actions protocols use.
 */
export class VmBotActivityHandler extends TeamsActivityHandler {
  readonly #app: BotApp;

  constructor(app: BotApp) {
    super();
    this.#app = app;
    this.onMessage(async (context, next) => {
      if (!context.turnState.get(COMMAND_HANDLED)) {
        await app.onMessage(toTurn(context), {
          text: context.activity.text ?? '',
          value: context.activity.value,
        });
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((member) => member.id === botId))
        await app.onInstalled(toTurn(context));
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    switch (name) {
      case 'adaptiveCard/action':
        return this.#app.onCardAction(toTurn(context), value);
      case 'signin/tokenExchange':
        return this.#app.onTokenExchange(toTurn(context), value);
      case 'signin/verifyState':
        return this.#app.onVerifyState(toTurn(context), value);
      case 'composeExtension/query':
        return this.#app.onComposeQuery(toTurn(context), value);
      case 'composeExtension/queryLink':
        return this.#app.onComposeQueryLink(toTurn(context), value);
      case 'composeExtension/anonymousQueryLink':
        // Someone Teams cannot identify (anonymous unfurling): nothing, as for any VM they cannot read.
        return noResults();
      default:
        // The manifest declares one search command and one link handler; any other message extension invoke
        // (fetchTask, submitAction, selectItem, settings) is a client this app never asked for.
        if (name?.startsWith('composeExtension/'))
          return composeError(400, 'NotSupported', 'This app has no such message extension feature.');
        return super.onInvokeActivity(context);
    }
  }
}
