import { randomUUID } from 'node:crypto';
import type { Stack } from '../../support/stack.ts';
import type { ConnectorCall, TestConnector } from './connector.ts';

export interface SeedUser {
  readonly key: string;
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
}

/** Card and activity JSON as received (assertions navigate it freely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export type Conversation = { readonly id: string; readonly kind: 'personal' | 'groupChat' | 'channel' };

export const BOT = { id: '28:vm-manager-test', name: 'VM Manager' } as const;

export interface PostResult {
  readonly status: number;
  readonly body: Json;
}

/**
 * Plays the Teams client + channel toward the bot: Teams-shaped activities POSTed to the real
 * service's /api/messages, with serviceUrl pointing at the test connector.
 */
export class TeamsClient {
  readonly stack: Stack;
  readonly connector: TestConnector;
  readonly tenantId: string;
  readonly users: ReadonlyMap<string, SeedUser>;

  constructor(stack: Stack, connector: TestConnector, tenantId: string, users: readonly SeedUser[]) {
    this.stack = stack;
    this.connector = connector;
    this.tenantId = tenantId;
    this.users = new Map(users.map((u) => [u.key, u]));
  }

  static async create(stack: Stack, connector: TestConnector): Promise<TeamsClient> {
    const res = await stack.emulator.call('/_emulator/config');
    const config = res.json<{ tenantId: string; users: SeedUser[] }>();
    return new TeamsClient(stack, connector, config.tenantId, config.users);
  }

  user(key: string): SeedUser {
    const user = this.users.get(key);
    if (!user) throw new Error(`no seeded user ${key}`);
    return user;
  }

  personal(key: string): Conversation {
    return { id: `a:personal-${key}-${randomUUID().slice(0, 8)}`, kind: 'personal' };
  }

  group(): Conversation {
    return { id: `19:group-${randomUUID().slice(0, 8)}@thread.v2`, kind: 'groupChat' };
  }

  /** The activity envelope Teams sends, from `userKey` in `conversation`. */
  activity(
    userKey: string,
    conversation: Conversation,
    fields: Record<string, unknown>,
  ): Record<string, unknown> {
    const user = this.user(userKey);
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: `29:${userKey}`, name: user.name, aadObjectId: user.oid },
      recipient: { id: BOT.id, name: BOT.name },
      conversation: {
        id: conversation.id,
        conversationType: conversation.kind,
        tenantId: this.tenantId,
        ...(conversation.kind === 'personal' ? {} : { isGroup: true }),
      },
      channelData: { tenant: { id: this.tenantId } },
      locale: 'en-US',
      ...fields,
    };
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<PostResult> {
    const res = await fetch(`${this.stack.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  message(userKey: string, conversation: Conversation, text: string) {
    const mention = conversation.kind === 'personal' ? '' : `<at>${BOT.name}</at> `;
    return this.post(
      this.activity(userKey, conversation, {
        type: 'message',
        text: `${mention}${text}`,
        ...(mention ? { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : {}),
      }),
    );
  }

  invoke(
    userKey: string,
    conversation: Conversation,
    name: string,
    value: unknown,
    extra: Record<string, unknown> = {},
  ) {
    return this.post(this.activity(userKey, conversation, { type: 'invoke', name, value, ...extra }));
  }

  tokenExchange(userKey: string, conversation: Conversation, id: string, token: string) {
    return this.invoke(userKey, conversation, 'signin/tokenExchange', {
      id,
      connectionName: 'TeamsSso',
      token,
    });
  }

  /** Clicks an Action.Execute: `adaptiveCard/action` invoke for the card in message `replyToId`. */
  execute(
    userKey: string,
    conversation: Conversation,
    action: { verb: string; data?: unknown },
    options: { replyToId?: string; token?: string; trigger?: 'manual' | 'automatic' } = {},
  ) {
    return this.invoke(
      userKey,
      conversation,
      'adaptiveCard/action',
      {
        action: { type: 'Action.Execute', id: randomUUID(), verb: action.verb, data: action.data ?? {} },
        trigger: options.trigger ?? 'manual',
        ...(options.token
          ? { authentication: { id: randomUUID(), connectionName: 'TeamsSso', token: options.token } }
          : {}),
      },
      options.replyToId ? { replyToId: options.replyToId } : {},
    );
  }

  /**
   * Sends `text`; if the bot asks for sign-in, answers the OAuth card with the user's SSO token (as
   * Teams does silently). Returns the card the bot posts for the command.
   */
  async signInWith(userKey: string, conversation: Conversation, text: string): Promise<ConnectorCall> {
    const before = this.connector.sent(conversation.id).length;
    const sent = await this.message(userKey, conversation, text);
    if (sent.status !== 200) throw new Error(`message: ${sent.status}`);
    const reply = await this.nextSent(conversation, before);
    // Group chats and channels: the Universal Actions sign-in (Teams gets the token on the click).
    const universal = executeActions(adaptiveCardOf(reply)).find((a) => a.verb === 'bot.signIn');
    if (universal) {
      const after = this.connector.sent(conversation.id).indexOf(reply) + 1;
      const clicked = await this.execute(userKey, conversation, universal, {
        replyToId: reply.activityId,
        token: await this.stack.ssoToken(userKey),
      });
      if (clicked.body?.statusCode !== 200) throw new Error(`sign-in click: ${JSON.stringify(clicked.body)}`);
      return this.nextSent(conversation, after, (c) => adaptiveCardOf(c) !== undefined);
    }
    const card = oauthCardOf(reply);
    if (!card) return reply;
    const exchanged = await this.tokenExchange(
      userKey,
      conversation,
      card.tokenExchangeResource.id,
      await this.stack.ssoToken(userKey),
    );
    if (exchanged.status !== 200)
      throw new Error(`token exchange: ${exchanged.status} ${JSON.stringify(exchanged.body)}`);
    return this.nextSent(
      conversation,
      this.connector.sent(conversation.id).indexOf(reply) + 1,
      (c) => adaptiveCardOf(c) !== undefined,
    );
  }

  /** The first activity sent in `conversation` at or after index `from` matching `predicate`. */
  nextSent(
    conversation: Conversation,
    from: number,
    predicate: (call: ConnectorCall) => boolean = () => true,
  ) {
    let seen = 0;
    return this.connector.waitFor((call) => {
      if (call.conversationId !== conversation.id || call.method !== 'send') return false;
      seen += 1;
      return seen > from && predicate(call);
    });
  }
}

export function adaptiveCardOf(call: ConnectorCall): Json | undefined {
  return call.activity.attachments?.find(
    (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;
}

export function oauthCardOf(call: ConnectorCall): Json | undefined {
  return call.activity.attachments?.find(
    (a: { contentType: string }) => a.contentType === 'application/vnd.microsoft.card.oauth',
  )?.content;
}

/** All Action.Execute actions in a card (body and actions), with their titles. */
export function executeActions(card: unknown): Array<{ title?: string; verb: string; data?: Json }> {
  const found: Array<{ title?: string; verb: string; data?: unknown }> = [];
  const walk = (node: unknown, key?: string) => {
    if (key === 'fallback' || key === 'refresh') return;
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push(record as { verb: string });
      for (const [k, v] of Object.entries(record)) walk(v, k);
    }
  };
  walk(card);
  return found;
}

/** A CommonMark backslash escape: a backslash before ASCII punctuation shows just the punctuation. */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * Concatenated TextBlock texts and fact values of a card, for assertions, as a reader sees the
 * characters: the cards Markdown-escape literal data (`web\_01`), so the backslash escapes are
 * removed here; `{{TIME(…)}}` stays as sent (tests/bot/helpers/render-card.ts renders for real).
 */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock' && typeof record.text === 'string') parts.push(record.text);
      if (typeof record.title === 'string' && typeof record.value === 'string')
        parts.push(`${record.title}: ${record.value}`);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return parts.join('\n').replace(MARKDOWN_ESCAPE, '$1');
}
