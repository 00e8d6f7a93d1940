import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Operation } from '../../contract/operation.ts';
import type {
  AutoShutdownService,
  OboExchanger,
  OperationService,
  TokenValidator,
  VmService,
} from '../../src/domain/services.ts';
import { createAutoShutdownBot } from './auto-shutdown.ts';
import type { SignedInUser } from '../../src/domain/user.ts';
import type { AdaptiveCard } from '../cards/adaptive.ts';
import { isSubmitPayload, parseIntent, type IntentParseResult } from '../cards/intents.ts';
import { parseVmId } from '../../contract/vm-id.ts';
import { errorCard, helpCard, welcomeCard, type ErrorCardInput } from '../cards/message-cards.ts';
import { failedCard, succeededCard } from '../cards/operation-cards.ts';
import { groupSignInCard } from '../cards/group-sign-in.ts';
import { oauthCard, type SignInSettings } from '../cards/sign-in.ts';
import { parseCommand } from '../commands/parse.ts';
import { describeError, needsSignIn } from './error-text.ts';
import { senderIdentity, type SenderIdentity } from './identity.ts';
import {
  badRequest,
  cardResponse,
  loginRequest,
  preconditionFailed,
  tokenExchangeResult,
} from './invoke-responses.ts';
import { unfurlLink } from './compose/link-unfurl.ts';
import { searchVms } from './compose/message-extension.ts';
import { createProgressTracker, type TrackedCard } from './progress.ts';
import { createStateClaimStore, type ClaimStore } from './sso/claim-store.ts';
import { checkSsoToken } from './sso/check-token.ts';
import { createPendingStore, type PendingWork } from './sso/pending-store.ts';
import { createTokenStore, type TokenStore } from './sso/token-store.ts';
import { unreadableReporter } from '../../src/state/unreadable.ts';
import type { SecretBox } from '../../src/state/secret-box.ts';
import type { StateStore } from '../../src/state/store.ts';
import {
  isGroup,
  type ConversationHandle,
  type ConversationPort,
  type InvokeResult,
  type Outgoing,
  type ProactivePort,
  type Turn,
  type TurnInfo,
} from './turn.ts';
import {
  describeIntent,
  runCommand,
  runIntent,
  type ActionContext,
  type VmDetailsReader,
} from './vm-actions.ts';
import type { ActionOutcome } from './outcome.ts';
import { createMemberDirectory, noRefresh, refreshFor, type RefreshFor } from './views.ts';

export interface BotAppOptions {
  readonly vms: VmService;
  readonly operations: OperationService;
  readonly tokens: TokenValidator;
  readonly obo: OboExchanger;
  /** The VM's details as the user reads them (the Connect button). */
  readonly details?: VmDetailsReader;
  /** VM auto-shutdown: the command, the buttons and the card before a shutdown. */
  readonly autoShutdown?: AutoShutdownService;
  readonly signIn: SignInSettings;
  readonly proactive: ProactivePort;
  /** Deduplicates token exchanges (first claim wins). Default: claims in `state`. */
  readonly claims?: ClaimStore;
  readonly logger: Logger;
  /** Where the bot's state lives (shared by every instance with Redis). */
  readonly state: StateStore;
  /** Seals the users' tokens at rest. */
  readonly box: SecretBox;
  /** The bot's app id (links to the one-on-one chat). */
  readonly botAppId?: string;
  /** Ids for `tokenExchangeResource.id`. Default `crypto.randomUUID`. */
  readonly newId?: () => string;
}

/** The bot, free of Bot Framework types: the adapter folder feeds it turns and sends its answers. */
export interface BotApp {
  onMessage(turn: Turn, message: { readonly text?: string; readonly value?: unknown }): Promise<void>;
  /** The bot was added to a conversation (personal install, group chat, team). */
  onInstalled(turn: Turn): Promise<void>;
  onTokenExchange(turn: Turn, value: unknown): Promise<InvokeResult>;
  onVerifyState(turn: Turn, value: unknown): Promise<InvokeResult>;
  onCardAction(turn: Turn, value: unknown): Promise<InvokeResult>;
  /** `composeExtension/query`: the search-based message extension (`searchVms`). */
  onComposeQuery(turn: Turn, value: unknown): Promise<InvokeResult>;
  /** `composeExtension/queryLink`: link unfurling of Azure portal VM links. */
  onComposeQueryLink(turn: Turn, value: unknown): Promise<InvokeResult>;
  /** Stops tracking operations and waits for background work. */
  close(): Promise<void>;
}

const tokenExchangeValue = z.object({
  id: z.string().min(1).max(200),
  connectionName: z.string().max(200).optional(),
  token: z.string().min(1).max(16_384),
});

const cardActionValue = z.object({
  action: z.object({ type: z.string(), verb: z.unknown().optional(), data: z.unknown().optional() }),
  trigger: z.string().optional(),
  authentication: z
    .object({
      id: z.string().optional(),
      connectionName: z.string().optional(),
      token: z.string().max(16_384).optional(),
    })
    .nullish(),
});

/** `signin/verifyState`: `state` is what the sign-in page handed Teams (the token service's magic code). */
const verifyStateValue = z.object({ state: z.string().min(1).max(256) });

const SIGN_IN_TEXT = 'Sign in to manage the Azure VMs your access allows.';

export function createBotApp(options: BotAppOptions): BotApp {
  const { vms, logger: log } = options;
  const stored = createTokenStore({
    state: options.state,
    box: options.box,
    onUnreadable: unreadableReporter(log, 'bot token'),
  });
  // A user back in a conversation (a message, a click, a sign-in) resumes, as them, their operations nobody polls
  // any more — the same call the HTTP API makes for every signed-in request.
  const tokens: TokenStore = {
    ...stored,
    get: async (tenantId, oid) => {
      const user = await stored.get(tenantId, oid);
      if (user) options.operations.resumeFor(user);
      return user;
    },
    set: async (user) => {
      await stored.set(user);
      options.operations.resumeFor(user);
    },
  };
  const pending = createPendingStore({
    state: options.state,
    onUnreadable: unreadableReporter(log, 'pending sign-in work'),
  });
  const claims = options.claims ?? createStateClaimStore(options.state);
  const newId = options.newId ?? randomUUID;
  const members = createMemberDirectory();
  const autoShutdown = options.autoShutdown
    ? createAutoShutdownBot({
        vms,
        autoShutdown: options.autoShutdown,
        state: options.state,
        box: options.box,
        onUnreadable: unreadableReporter(log, 'auto-shutdown notice'),
        proactive: options.proactive,
        logger: log,
      })
    : undefined;
  /** What running an intent or command needs besides the VM service, for `user` in this turn. */
  const actionContext = (
    user: SignedInUser,
    refresh: RefreshFor,
    info: Pick<TurnInfo, 'localTimezone'>,
  ): ActionContext => ({
    user,
    refresh,
    ...(autoShutdown ? { autoShutdown } : {}),
    ...(info.localTimezone ? { localTimezone: info.localTimezone } : {}),
    ...(options.details ? { details: options.details } : {}),
  });
  if (autoShutdown) options.autoShutdown?.setNotifier(autoShutdown.notifier);
  /** Where to reach the sender one-on-one later (the card before an auto-shutdown). Never fails a turn. */
  const remember = async (turn: Turn) => {
    await autoShutdown
      ?.remember(turn.info, turn.handle)
      .catch((error: unknown) => log.warn({ err: error }, 'bot.conversation.remember_failed'));
  };
  const background = new Set<Promise<void>>();
  const composeDeps = {
    vms,
    tokens: options.tokens,
    obo: options.obo,
    signInUrl: options.signIn.signInUrl,
    logger: log,
  };

  const tracker = createProgressTracker({
    operations: options.operations,
    proactive: options.proactive,
    logger: log,
    state: options.state,
    finalMessage: (operation, tracked) => finalMessage(operation, tracked),
  });

  async function finalMessage(operation: Operation, tracked: TrackedCard): Promise<Outgoing> {
    const refresh = refreshFor(tracked.refreshUserIds)({ verb: 'vm.show', vmId: operation.vmId });
    const cardOptions = refresh ? { refresh } : {};
    if (operation.status === 'Failed') return card(failedCard({ operation }, cardOptions));
    const requester = await tokens.get(operation.requestedBy.tid, operation.requestedBy.oid);
    const ref = parseVmId(operation.vmId);
    const vm = requester && ref ? await vms.get(requester, ref).catch(() => undefined) : undefined;
    return card(succeededCard({ operation, tenantId: tracked.tenantId, ...(vm ? { vm } : {}) }, cardOptions));
  }

  /**
   * Asks for sign-in and remembers what the user wanted. One-on-one: an OAuthCard with a token
   * exchange (Teams answers silently). Group chats and channels, where Teams never does that
   * exchange: a card whose Universal Action gets the clicker's token through `loginRequest`.
   */
  async function promptSignIn(
    conversation: ConversationPort,
    info: TurnInfo,
    handle: ConversationHandle,
    sender: SenderIdentity,
    work: PendingWork,
  ) {
    await pending.put(sender.tenantId, sender.oid, { work, info, handle });
    if (isGroup(info)) return sendGroupSignIn(conversation, info);
    return conversation.send({ kind: 'oauth', card: oauthCard(options.signIn, SIGN_IN_TEXT, newId()) });
  }

  /**
   * Group chats and channels: the Universal Actions sign-in card (Action.Execute → `loginRequest`, which Teams
   * supports there) with the deep link to the one-on-one chat; in a channel also the OAuth connection's sign-in
   * link (the OAuthCard Teams falls back to there, completed by `signin/verifyState` with a magic code).
   */
  async function sendGroupSignIn(conversation: ConversationPort, info: TurnInfo) {
    await conversation.send(card(groupSignInCard(options.botAppId ? { botAppId: options.botAppId } : {})));
    if (info.conversationKind === 'channel') await conversation.send(await channelSignIn(conversation));
  }

  /**
   * Channels: Teams offers no token exchange there and falls back to the OAuthCard's sign-in link, which goes
   * through the OAuth connection's sign-in page and comes back as `signin/verifyState` with a magic code.
   */
  async function channelSignIn(conversation: ConversationPort): Promise<Outgoing> {
    const link = await conversation.userTokens
      ?.signInLink(options.signIn.connectionName)
      .catch((error: unknown) => {
        log.warn({ err: error }, 'bot.signin.link_unavailable');
        return undefined;
      });
    const settings = link ? { ...options.signIn, signInUrl: link } : options.signIn;
    return { kind: 'oauth', card: oauthCard(settings, SIGN_IN_TEXT) };
  }

  /** The user's token for the magic code of `signin/verifyState`, checked like every SSO token; else undefined. */
  async function redeemMagicCode(turn: Turn, sender: SenderIdentity, value: unknown) {
    const parsed = verifyStateValue.safeParse(value);
    if (!parsed.success || !turn.userTokens) return undefined;
    const token = await turn.userTokens
      .redeem(options.signIn.connectionName, parsed.data.state)
      .catch((error: unknown) => {
        log.warn({ oid: sender.oid, err: error }, 'bot.signin.code_unavailable');
        return undefined;
      });
    if (!token) return undefined;
    const check = await checkSsoToken(options, token, sender);
    if (check.ok) return check.user;
    log.warn({ oid: sender.oid, tid: sender.tenantId, reason: check.reason }, 'bot.signin.code_refused');
    return undefined;
  }

  /** Runs a command or an `Action.Submit` intent for a signed-in user and posts the resulting card. */
  async function runWork(
    conversation: ConversationPort,
    info: TurnInfo,
    handle: ConversationHandle,
    sender: SenderIdentity,
    user: SignedInUser,
    work: PendingWork,
  ): Promise<void> {
    const userIds = await members.userIds(info, conversation);
    const ctx = actionContext(user, refreshFor(userIds), info);
    let parsed: IntentParseResult | undefined;
    try {
      let outcome: ActionOutcome;
      if (work.kind === 'command') {
        outcome = await runCommand(vms, ctx, work.command);
      } else {
        parsed = parseIntent(work.verb, work.data);
        if (!parsed.ok) {
          await conversation.send(card(errorCard(staleCard(parsed.reason))));
          return;
        }
        outcome = await runIntent(vms, ctx, parsed.intent);
      }
      const activityId = await conversation.send(card(outcome.card));
      if (outcome.operation && activityId) {
        await tracker.track(tracked(outcome.operation, sender, handle, activityId, userIds));
      }
    } catch (error) {
      if (needsSignIn(error)) {
        await tokens.delete(sender.tenantId, sender.oid);
        await promptSignIn(conversation, info, handle, sender, work);
        return;
      }
      log.warn({ oid: sender.oid, err: error }, 'bot.command.failed');
      const doing = parsed?.ok ? describeIntent(parsed.intent) : undefined;
      await conversation.send(card(errorCard(describeError(error, doing))));
    }
  }

  function inBackground(label: string, work: () => Promise<void>) {
    const task: Promise<void> = work()
      .catch((error: unknown) => log.warn({ err: error }, label))
      .finally(() => background.delete(task));
    background.add(task);
  }

  function resume(sender: SenderIdentity, user: SignedInUser, conversationId: string) {
    inBackground('bot.signin.resume_failed', async () => {
      // Exactly one instance gets the pending entry (take), whichever received the sign-in.
      const entry = await pending.take(sender.tenantId, sender.oid, conversationId);
      if (!entry) return;
      await options.proactive.continue(entry.handle, (conversation) =>
        runWork(conversation, entry.info, entry.handle, sender, user, entry.work),
      );
    });
  }

  return {
    async onMessage(turn, message) {
      await remember(turn);
      let work: PendingWork;
      if (isSubmitPayload(message.value)) {
        const { verb, ...data } = message.value;
        work = { kind: 'intent', verb, data };
      } else {
        const command = parseCommand(message.text ?? '');
        if (command.kind === 'help') {
          await turn.send(card(helpCard()));
          return;
        }
        if (command.kind === 'unknown') {
          const said = command.text.length > 60 ? `${command.text.slice(0, 60)}…` : command.text;
          await turn.send(card(helpCard({ note: `I didn't understand “${said}”.` })));
          return;
        }
        if (command.kind === 'missingName') {
          await turn.send({ kind: 'text', text: `Which VM? For example: ${command.command} web-01` });
          return;
        }
        work = { kind: 'command', command };
      }
      const sender = senderIdentity(turn.info);
      if (!sender) {
        await turn.send({
          kind: 'text',
          text: 'I can only act for people signed in to Microsoft Teams with a work account.',
        });
        return;
      }
      const user = await tokens.get(sender.tenantId, sender.oid);
      if (!user) {
        await promptSignIn(turn, turn.info, turn.handle, sender, work);
        return;
      }
      await runWork(turn, turn.info, turn.handle, sender, user, work);
    },

    async onInstalled(turn) {
      await remember(turn);
      const personal = turn.info.conversationKind === 'personal';
      const firstName = personal ? turn.info.from.name?.split(' ')[0] : undefined;
      await turn.send(
        card(
          welcomeCard({ ...(firstName ? { name: firstName } : {}), scope: personal ? 'personal' : 'group' }),
        ),
      );
    },

    async onTokenExchange(turn, value) {
      const parsed = tokenExchangeValue.safeParse(value);
      if (!parsed.success) {
        const id =
          typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
        return tokenExchangeResult(
          400,
          id ? { id } : {},
          'The token exchange request needs an id and a token.',
        );
      }
      const exchange = parsed.data;
      // Teams exchanges SSO tokens only one-on-one; anything else is not Teams, or a stale card.
      if (isGroup(turn.info)) {
        return tokenExchangeResult(
          412,
          exchange,
          'Sign-in by token exchange works only in a one-on-one chat.',
        );
      }
      const sender = senderIdentity(turn.info);
      if (!sender)
        return tokenExchangeResult(412, exchange, 'The activity does not identify a Microsoft Entra user.');
      const check = await checkSsoToken(options, exchange.token, sender);
      if (!check.ok) {
        log.warn(
          { oid: sender.oid, tid: sender.tenantId, reason: check.reason },
          'bot.signin.exchange_refused',
        );
        return tokenExchangeResult(412, exchange, check.message);
      }
      // Only one delivery of an exchange proceeds (Teams may send it to several instances).
      const first = await claims.claim(`${turn.info.channelId}/${turn.info.conversationId}/${exchange.id}`);
      if (!first) {
        log.info({ oid: sender.oid }, 'bot.signin.exchange_duplicate');
        return tokenExchangeResult(200, exchange);
      }
      await tokens.set(check.user);
      log.info({ oid: sender.oid, tid: sender.tenantId }, 'bot.signin.exchanged');
      resume(sender, check.user, turn.info.conversationId);
      return tokenExchangeResult(200, exchange);
    },

    async onVerifyState(turn, value) {
      const sender = senderIdentity(turn.info);
      // The magic code of the OAuth connection's sign-in page (the channel sign-in link), if that is what came.
      const redeemed = sender ? await redeemMagicCode(turn, sender, value) : undefined;
      if (redeemed) await tokens.set(redeemed);
      const user = redeemed ?? (sender ? await tokens.get(sender.tenantId, sender.oid) : undefined);
      if (sender && user) {
        resume(sender, user, turn.info.conversationId);
        return { status: 200 };
      }
      if (isGroup(turn.info)) {
        // No silent SSO here: the Universal Actions sign-in, never an exchange that cannot happen (no loop). The
        // state gave no token: answered as the Bot Framework's OAuthPrompt answers a failed verifyState (404).
        await sendGroupSignIn(turn, turn.info);
        return { status: 404 };
      }
      // One-on-one, after the fallback consent page: consent may have just been granted, so SSO is offered again
      // (the sign-in goes on).
      await turn.send({ kind: 'oauth', card: oauthCard(options.signIn, SIGN_IN_TEXT, newId()) });
      return { status: 200 };
    },

    async onCardAction(turn, value) {
      await remember(turn);
      const parsed = cardActionValue.safeParse(value);
      if (!parsed.success) return badRequest('BadRequest', 'The card action is malformed.');
      const { action, authentication } = parsed.data;
      if (action.type !== 'Action.Execute')
        return badRequest('NotSupported', `The action type "${action.type.slice(0, 40)}" is not supported.`);

      const sender = senderIdentity(turn.info);
      if (!sender) {
        return cardResponse(
          errorCard({
            title: "I can't tell who you are",
            message: 'Card actions need a Microsoft Teams work account.',
            code: 'InvalidToken',
          }),
        );
      }

      // Act as the person who clicked: their token from this invoke, or the one they signed in with.
      let user: SignedInUser | undefined;
      if (authentication?.token) {
        const check = await checkSsoToken(options, authentication.token, sender);
        if (!check.ok) {
          log.warn(
            { oid: sender.oid, tid: sender.tenantId, reason: check.reason },
            'bot.action.token_refused',
          );
          switch (check.reason) {
            case 'consentRequired':
              // A second login request without SSO: Teams shows the sign-in / consent page.
              return loginRequest(oauthCard(options.signIn, 'Give consent so I can manage your VMs.'));
            case 'unavailable':
              return cardResponse(
                errorCard({ title: 'Sign-in problem', message: check.message, code: 'EntraUnavailable' }),
              );
            case 'wrongUser':
              return preconditionFailed('WrongUser', check.message);
            case 'invalidToken':
              return preconditionFailed('InvalidToken', check.message);
          }
        }
        user = check.user;
        await tokens.set(user);
      } else {
        user = await tokens.get(sender.tenantId, sender.oid);
        if (!user) return loginRequest(oauthCard(options.signIn, SIGN_IN_TEXT, newId()));
      }

      const intent = parseIntent(action.verb, action.data);
      if (!intent.ok) return cardResponse(errorCard(staleCard(intent.reason)));

      // The Universal Actions sign-in from a group chat: the token came with this click; run what the user asked before.
      if (intent.intent.verb === 'bot.signIn') resume(sender, user, turn.info.conversationId);
      const group = turn.info.conversationKind !== 'personal';
      const refresh = group ? refreshFor([turn.info.from.id]) : noRefresh;
      try {
        const outcome = await runIntent(vms, actionContext(user, refresh, turn.info), intent.intent);
        if (outcome.operation && turn.info.replyToId) {
          const userIds = await members.userIds(turn.info, turn);
          // A card shared in a group: everyone there also gets one public line when it ends.
          const announce = group
            ? { ...(turn.info.localTimezone && { timeZone: turn.info.localTimezone }) }
            : undefined;
          await tracker.track(
            tracked(outcome.operation, sender, turn.handle, turn.info.replyToId, userIds, announce),
          );
        }
        return cardResponse(outcome.card);
      } catch (error) {
        if (needsSignIn(error)) {
          await tokens.delete(sender.tenantId, sender.oid);
          return loginRequest(oauthCard(options.signIn, SIGN_IN_TEXT, newId()));
        }
        log.warn({ oid: sender.oid, verb: intent.intent.verb, err: error }, 'bot.action.failed');
        return cardResponse(errorCard(describeError(error, describeIntent(intent.intent))));
      }
    },

    onComposeQuery: (turn, value) => searchVms(composeDeps, turn.info, value),

    onComposeQueryLink: (turn, value) => unfurlLink(composeDeps, turn.info, value),

    async close() {
      await tracker.close();
      await Promise.allSettled([...background]);
    },
  };
}

function card(value: AdaptiveCard): Outgoing {
  return { kind: 'card', card: value };
}

function tracked(
  operation: Operation,
  sender: SenderIdentity,
  handle: ConversationHandle,
  activityId: string,
  refreshUserIds: readonly string[],
  announce?: TrackedCard['announce'],
): TrackedCard {
  return {
    operation,
    tenantId: sender.tenantId,
    handle,
    activityId,
    refreshUserIds,
    ...(announce && { announce }),
  };
}

function staleCard(reason: 'unknownVerb' | 'invalidData'): ErrorCardInput {
  return {
    title: 'This card is out of date',
    message:
      reason === 'unknownVerb'
        ? "I don't know this button any more. Ask me again, for example “list”."
        : "This button's data isn't valid. Ask me again, for example “list”.",
    code: reason === 'unknownVerb' ? 'UnknownAction' : 'InvalidActionData',
  };
}
