import { BOT_COMMANDS } from '../../commands/catalog.ts';
import { api } from './api.ts';
import {
  CHANNEL_CONVERSATION,
  connectionRefusal,
  GROUP_CONVERSATION,
  invokeActivity,
  SEARCH_COMMAND,
  UNFURL_LINK,
  type ComposeAnswer,
  messageActivity,
  mri,
  personalConversationId,
  type CardActionAnswer,
  type ConversationInfo,
  type DevConfig,
  type DevUser,
  type OAuthCardJson,
} from './protocol.ts';
import { renderCard, type ExecutedAction } from './render-card.ts';

/**
 * The dev chat: behaves like the Teams client toward the bot. Messages and invokes go to
 * /api/messages; the bot's replies and updates come back from the local connector over SSE. OAuth
 * cards are answered with an emulator-issued SSO token (silent SSO), card clicks become
 * `adaptiveCard/action` invokes with the Universal Actions SSO retry, and `refresh` gives each user
 * their own view in the group chat.
 */

type Note = {
  readonly tone: 'error' | 'info' | 'signin';
  readonly text: string;
  readonly signInUrl?: string;
  readonly retry?: ExecutedAction;
};

interface ChatMessage {
  readonly id: string;
  readonly sender: { readonly kind: 'bot' } | { readonly kind: 'user'; readonly key: string };
  text?: string;
  cards: unknown[];
  oauth?: OAuthCardJson;
  readonly timestamp: string;
  version: number;
  /** User-specific card views (invoke responses, refresh), per user key. */
  readonly views: Map<string, unknown>;
  readonly notes: Map<string, Note>;
  /** `${user}@${version}`: automatic refreshes already asked for. */
  readonly refreshed: Set<string>;
  readonly busy: Set<string>;
  sso?: { state: 'exchanging' | 'done' | 'failed'; user: string; detail?: string };
  /** Set when Teams would refuse the OAuthCard (unknown connection name). */
  refused?: string;
  failed?: string;
}

/** A card waiting in the compose box: picked from the message extension, or unfurled from a pasted link. */
interface PendingCard {
  readonly card: unknown;
  /** The pasted link it unfurls, if any. */
  readonly url?: string;
}

interface ConversationState {
  readonly info: ConversationInfo;
  readonly messages: ChatMessage[];
  readonly byId: Map<string, ChatMessage>;
  ready: boolean;
  /** Who last wrote: their client answers the bot's sign-in prompt. */
  lastSender?: string;
}

const SIGN_IN_POLL_MS = 500;

export function createChatApp(root: HTMLElement, config: DevConfig): void {
  const origin = window.location.origin;
  const users = config.users;
  const requested = new URLSearchParams(window.location.search).get('user');
  let currentUser = users.find((u) => u.key === requested)?.key ?? users[0]?.key ?? '';
  let currentConversation = personalConversationId(currentUser);
  const conversations = new Map<string, ConversationState>();
  const elements = new Map<string, HTMLElement>();

  const user = (key: string): DevUser =>
    users.find((u) => u.key === key) ?? { key, name: key, upn: key, oid: '' };
  const info = (id: string): ConversationInfo =>
    id === GROUP_CONVERSATION.id
      ? GROUP_CONVERSATION
      : id === CHANNEL_CONVERSATION.id
        ? CHANNEL_CONVERSATION
        : { id, kind: 'personal', title: config.bot.name };
  /** SSO tokens Teams holds per user (the message extension's silentAuth). */
  const ssoTokens = new Map<string, string>();
  let pending: PendingCard | undefined;

  // ---- layout ---------------------------------------------------------------------------------
  root.replaceChildren();
  const top = el('header', 'topbar');
  const brand = el('div', 'brand');
  brand.append(el('span', 'brand-mark', 'T'), el('span', 'brand-name', 'VM Manager · local dev chat'));
  const who = el('label', 'who');
  who.append(el('span', 'who-label', 'Signed in to Teams as'));
  const picker = document.createElement('select');
  picker.id = 'user-picker';
  picker.setAttribute('aria-label', 'Teams user');
  for (const u of users) {
    const option = document.createElement('option');
    option.value = u.key;
    option.textContent = `${u.name} (${u.key})`;
    picker.append(option);
  }
  picker.value = currentUser;
  const whoAvatar = el('span', 'avatar avatar-sm');
  who.append(picker, whoAvatar);
  top.append(brand, who);

  const rail = el('nav', 'rail');
  rail.setAttribute('aria-label', 'Chats');
  const chats = el('ul', 'chat-list');
  rail.append(el('h2', 'rail-title', 'Chat'), chats);

  const main = el('main', 'chat');
  const chatHeader = el('div', 'chat-header');
  const transcript = el('ol', 'transcript');
  transcript.setAttribute('role', 'log');
  transcript.setAttribute('aria-live', 'polite');
  transcript.setAttribute('aria-label', 'Conversation');
  const composer = el('form', 'composer');
  const chips = el('div', 'chips');
  for (const command of BOT_COMMANDS) {
    const chip = el('button', 'chip', command.title);
    chip.setAttribute('type', 'button');
    chip.title = command.description;
    chip.addEventListener('click', () => {
      input.value = `${command.title} `;
      input.focus();
    });
    chips.append(chip);
  }
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'composer-input';
  input.placeholder = 'Type a message';
  input.setAttribute('aria-label', 'Type a message');
  input.autocomplete = 'off';
  const send = el('button', 'send', 'Send');
  send.setAttribute('type', 'submit');
  // The message extension (composeExtensions: searchVms), opened from the compose box as in Teams.
  const apps = el('button', 'apps', '⊕');
  apps.setAttribute('type', 'button');
  apps.setAttribute('aria-label', `${config.bot.name}: Search VMs`);
  apps.setAttribute('aria-expanded', 'false');
  apps.title = `${config.bot.name}: Search VMs`;
  const extension = el('div', 'compose-ext');
  extension.hidden = true;
  const search = document.createElement('input');
  search.type = 'search';
  search.className = 'compose-ext-input';
  search.placeholder = 'Search your VMs by name, resource group, subscription or state';
  search.setAttribute('aria-label', 'Search VMs');
  search.autocomplete = 'off';
  const results = el('ul', 'compose-ext-results');
  results.setAttribute('aria-label', 'Search results');
  const extensionNote = el('div', 'compose-ext-note');
  extension.append(
    el('div', 'compose-ext-title', `${config.bot.name} · Search VMs`),
    search,
    extensionNote,
    results,
  );
  const pendingBox = el('div', 'pending');
  pendingBox.hidden = true;
  const row = el('div', 'composer-row');
  row.append(apps, input, send);
  composer.append(extension, chips, pendingBox, row);
  main.append(chatHeader, transcript, composer);

  const shell = el('div', 'shell');
  shell.append(rail, main);
  root.append(top, shell);

  picker.addEventListener('change', () => switchUser(picker.value));
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (pending) {
      input.value = '';
      postCard(text, pending.card);
      setPending(undefined);
      return;
    }
    if (!text) return;
    input.value = '';
    void sendText(text);
  });
  apps.addEventListener('click', () => toggleExtension(extension.hidden));
  let searchTimer: number | undefined;
  let searchSeq = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void runSearch(search.value), 250);
  });
  let unfurled: string | undefined;
  input.addEventListener('input', () => void maybeUnfurl());

  // ---- conversations ---------------------------------------------------------------------------
  function conversation(id: string): ConversationState {
    let state = conversations.get(id);
    if (state) return state;
    state = { info: info(id), messages: [], byId: new Map(), ready: false };
    conversations.set(id, state);
    const members =
      state.info.kind === 'personal' ? users.filter((u) => personalConversationId(u.key) === id) : users;
    void api
      .members(
        id,
        members.map((u) => ({ id: mri(u.key), name: u.name, aadObjectId: u.oid })),
      )
      .catch(() => undefined);
    const source = api.events(id);
    const target = state;
    source.onmessage = (event) => onEvent(target, JSON.parse(String(event.data)) as ConnectorEvent);
    return state;
  }

  type StoredActivity = { id: string; version: number; activity: Record<string, unknown> };
  type ConnectorEvent =
    | { type: 'activity'; activity: StoredActivity }
    | { type: 'update'; activity: StoredActivity }
    | { type: 'delete'; id: string }
    | { type: 'ready' };

  function onEvent(conv: ConversationState, event: ConnectorEvent) {
    if (event.type === 'ready') {
      conv.ready = true;
      return;
    }
    if (event.type === 'delete') {
      const index = conv.messages.findIndex((m) => m.id === event.id);
      if (index >= 0) conv.messages.splice(index, 1);
      conv.byId.delete(event.id);
      if (conv.info.id === currentConversation) renderTranscript();
      return;
    }
    const stored = event.activity;
    const existing = conv.byId.get(stored.id);
    if (event.type === 'update' && existing) {
      applyActivity(existing, stored.activity);
      existing.version = stored.version;
      existing.views.clear(); // updateActivity replaces the card for everyone
      existing.notes.clear();
      renderMessage(conv, existing);
      return;
    }
    if (existing) return;
    const message: ChatMessage = {
      id: stored.id,
      sender: { kind: 'bot' },
      cards: [],
      timestamp: String(stored.activity.timestamp ?? new Date().toISOString()),
      version: stored.version,
      views: new Map(),
      notes: new Map(),
      refreshed: new Set(),
      busy: new Set(),
    };
    applyActivity(message, stored.activity);
    // Like Teams: no sign-in at all for a connection the Azure Bot does not have.
    if (message.oauth) message.refused = connectionRefusal(message.oauth, config.oauthConnection);
    add(conv, message);
    // Like Teams: silent SSO (token exchange) only one-on-one; elsewhere the OAuthCard is just a sign-in link.
    if (
      conv.ready &&
      !message.refused &&
      message.oauth?.tokenExchangeResource &&
      conv.info.kind === 'personal'
    )
      void answerSignIn(conv, message, conv.lastSender ?? currentUser);
  }

  function applyActivity(message: ChatMessage, activity: Record<string, unknown>) {
    message.text = typeof activity.text === 'string' ? activity.text : undefined;
    const attachments = Array.isArray(activity.attachments)
      ? (activity.attachments as { contentType?: string; content?: unknown }[])
      : [];
    message.cards = attachments
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content);
    const oauth = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.oauth');
    message.oauth = oauth?.content as OAuthCardJson | undefined;
  }

  function add(conv: ConversationState, message: ChatMessage) {
    conv.messages.push(message);
    conv.byId.set(message.id, message);
    if (conv.info.id === currentConversation) {
      const node = messageElement(conv, message);
      transcript.append(node);
      transcript.scrollTop = transcript.scrollHeight;
    }
    renderRail();
  }

  // ---- talking to the bot ----------------------------------------------------------------------
  async function sendText(text: string) {
    const conv = conversation(currentConversation);
    const from = currentUser;
    conv.lastSender = from;
    const message: ChatMessage = {
      id: crypto.randomUUID(),
      sender: { kind: 'user', key: from },
      text,
      cards: [],
      timestamp: new Date().toISOString(),
      version: 1,
      views: new Map(),
      notes: new Map(),
      refreshed: new Set(),
      busy: new Set(),
    };
    add(conv, message);
    const res = await api
      .post(messageActivity(config, user(from), conv.info, origin, text))
      .catch((error: unknown) => ({
        status: 0,
        body: { error: { message: error instanceof Error ? error.message : 'Network error' } },
      }));
    if (res.status !== 200) {
      message.failed =
        (res.body as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${res.status}`;
      renderMessage(conv, message);
    }
  }

  /** Teams' silent SSO: answers the OAuth card with the user's SSO token (`signin/tokenExchange`). */
  async function answerSignIn(conv: ConversationState, message: ChatMessage, asUser: string) {
    const exchange = message.oauth?.tokenExchangeResource;
    if (!exchange) return;
    message.sso = { state: 'exchanging', user: asUser };
    renderMessage(conv, message);
    try {
      const token = await api.token(asUser);
      const res = await api.post(
        invokeActivity(config, user(asUser), conv.info, origin, 'signin/tokenExchange', {
          id: exchange.id,
          connectionName: message.oauth?.connectionName ?? '',
          token,
        }),
      );
      const detail = (res.body as { failureDetail?: string } | undefined)?.failureDetail;
      message.sso =
        res.status === 200
          ? { state: 'done', user: asUser }
          : { state: 'failed', user: asUser, ...(detail ? { detail } : {}) };
    } catch (error) {
      message.sso = {
        state: 'failed',
        user: asUser,
        detail: error instanceof Error ? error.message : 'Sign-in failed',
      };
    }
    renderMessage(conv, message);
  }

  /**
   * After the sign-in page (or a simulated consent): Teams sends `signin/verifyState`, with the magic code the OAuth
   * connection's sign-in page showed when there is one.
   */
  async function verifyState(conv: ConversationState, asUser: string, code?: string) {
    await api.post(
      invokeActivity(config, user(asUser), conv.info, origin, 'signin/verifyState', {
        state: code ?? 'dev-chat',
      }),
    );
  }

  /** Opens a sign-in page in a pop-up, as Teams does; hands back the magic code it shows (same-origin pages). */
  function openSignIn(url: string, after: (code?: string) => void) {
    const popup = window.open(url, 'vm-manager-sign-in', 'width=520,height=680');
    if (!popup) return;
    const timer = window.setInterval(() => {
      let code: string | undefined;
      try {
        code = popup.document.querySelector<HTMLElement>('#magic-code')?.dataset.code;
      } catch {
        // Another origin (Entra's page): wait until it closes.
      }
      if (code) popup.close();
      if (code || popup.closed) {
        window.clearInterval(timer);
        after(code);
      }
    }, SIGN_IN_POLL_MS);
  }

  /** A card button: `adaptiveCard/action` invoke as `asUser`, retried with an SSO token on a login request. */
  async function execute(
    conv: ConversationState,
    message: ChatMessage,
    action: ExecutedAction,
    options: { asUser: string; trigger: 'manual' | 'automatic'; token?: string },
  ): Promise<void> {
    const { asUser } = options;
    message.busy.add(asUser);
    if (conv.info.id === currentConversation && asUser === currentUser) renderMessage(conv, message);
    let answer: CardActionAnswer | undefined;
    try {
      const res = await api.post(
        invokeActivity(
          config,
          user(asUser),
          conv.info,
          origin,
          'adaptiveCard/action',
          {
            action: {
              type: 'Action.Execute',
              ...(action.id ? { id: action.id } : {}),
              verb: action.verb,
              data: action.data,
            },
            trigger: options.trigger,
            ...(options.token
              ? {
                  authentication: {
                    id: crypto.randomUUID(),
                    connectionName: config.oauthConnection,
                    token: options.token,
                  },
                }
              : {}),
          },
          message.id,
        ),
      );
      answer = res.body as CardActionAnswer | undefined;
      if (res.status !== 200 && !answer?.type) {
        message.notes.set(asUser, { tone: 'error', text: `The bot answered HTTP ${res.status}.` });
        return;
      }
    } catch (error) {
      message.notes.set(asUser, {
        tone: 'error',
        text: error instanceof Error ? error.message : 'The action failed.',
      });
      return;
    } finally {
      message.busy.delete(asUser);
      if (conv.info.id === currentConversation) renderMessage(conv, message);
    }

    switch (answer?.type) {
      case 'application/vnd.microsoft.card.adaptive':
        message.views.set(asUser, answer.value);
        message.notes.delete(asUser);
        break;
      case 'application/vnd.microsoft.activity.loginRequest': {
        const login = (answer.value ?? {}) as OAuthCardJson;
        const refusal = connectionRefusal(login, config.oauthConnection);
        if (refusal) {
          message.notes.set(asUser, { tone: 'error', text: refusal });
          break;
        }
        if (login.tokenExchangeResource && !options.token) {
          // Silent SSO, then the same invoke again with the token (Universal Actions SSO).
          const token = await api.token(asUser);
          await execute(conv, message, action, { ...options, token });
          return;
        }
        const signInUrl = login.buttons?.[0]?.value;
        message.notes.set(asUser, {
          tone: 'signin',
          text: login.text ?? 'Sign in to continue.',
          ...(signInUrl ? { signInUrl } : {}),
          retry: action,
        });
        break;
      }
      case 'application/vnd.microsoft.activity.message':
        message.notes.set(asUser, { tone: 'info', text: String(answer.value ?? '') });
        break;
      default: {
        const value = (answer?.value ?? {}) as { message?: string; code?: string };
        message.notes.set(asUser, {
          tone: 'error',
          text: value.message ?? 'The bot could not handle this action.',
        });
      }
    }
    if (conv.info.id === currentConversation) renderMessage(conv, message);
  }

  /** Universal Actions refresh: a listed user's client asks the bot for their own view. */
  function maybeRefresh(conv: ConversationState, message: ChatMessage, card: unknown) {
    const refresh = (card as { refresh?: { action?: ExecutedAction; userIds?: string[] } } | undefined)
      ?.refresh;
    if (!refresh?.action || !refresh.userIds?.includes(mri(currentUser))) return;
    const key = `${currentUser}@${message.version}`;
    if (message.refreshed.has(key) || message.views.has(currentUser)) return;
    message.refreshed.add(key);
    const asUser = currentUser;
    // After this render pass: the refresh re-renders the message when it answers.
    window.setTimeout(() => {
      void execute(
        conv,
        message,
        { verb: refresh.action!.verb, data: refresh.action!.data ?? {} },
        { asUser, trigger: 'automatic' },
      );
    }, 0);
  }

  // ---- the compose box: message extension and link unfurling -------------------------------------
  /**
   * A compose-extension invoke as Teams sends it: with the user's SSO token once Teams has one; on `silentAuth`
   * Teams gets the token and sends the same query again.
   */
  async function composeInvoke(name: string, value: Record<string, unknown>) {
    const conv = conversation(currentConversation);
    const asUser = currentUser;
    const post = (token?: string) =>
      api.post(
        invokeActivity(config, user(asUser), conv.info, origin, name, {
          ...value,
          ...(token ? { authentication: { token } } : {}),
        }),
      );
    let res = await post(ssoTokens.get(asUser));
    let answer = res.body as ComposeAnswer | undefined;
    if (answer?.composeExtension?.type === 'silentAuth' || answer?.error?.code === 'InvalidToken') {
      const token = await api.token(asUser);
      ssoTokens.set(asUser, token);
      res = await post(token);
      answer = res.body as ComposeAnswer | undefined;
    }
    return { status: res.status, answer };
  }

  function toggleExtension(open: boolean) {
    extension.hidden = !open;
    apps.setAttribute('aria-expanded', String(open));
    if (open) {
      search.value = '';
      search.focus();
      void runSearch('');
    }
  }

  async function runSearch(text: string) {
    const seq = ++searchSeq;
    extensionNote.textContent = 'Searching…';
    const parameters =
      text.trim() === ''
        ? [{ name: 'initialRun', value: 'true' }]
        : [{ name: SEARCH_COMMAND.parameter, value: text }];
    const { status, answer } = await composeInvoke('composeExtension/query', {
      commandId: SEARCH_COMMAND.id,
      parameters,
      queryOptions: { skip: 0, count: 25 },
    }).catch(() => ({ status: 0, answer: undefined }));
    if (seq !== searchSeq) return;
    results.replaceChildren();
    extensionNote.replaceChildren();
    if (status === 412 && answer?.error?.code === 'ConsentRequired') {
      // Teams' consent path for a message extension: the user consents, then searches again.
      extensionNote.append(el('span', '', 'Consent is needed before VM Manager can search for you. '));
      const consent = el('button', 'button', 'Grant consent (emulator)');
      consent.setAttribute('type', 'button');
      const asUser = currentUser;
      consent.addEventListener('click', () => void api.consent(asUser).then(() => runSearch(search.value)));
      extensionNote.append(consent);
      return;
    }
    const ext = answer?.composeExtension;
    if (status !== 200 || !ext) {
      extensionNote.textContent = answer?.error?.message ?? `The app answered HTTP ${status}.`;
      return;
    }
    if (ext.type === 'message') {
      extensionNote.textContent = ext.text ?? '';
      return;
    }
    const attachments = ext.attachments ?? [];
    extensionNote.textContent = attachments.length === 0 ? 'No VMs match.' : '';
    for (const attachment of attachments) {
      const preview = attachment.preview?.content ?? {};
      const item = el('li');
      const pick = el('button', 'compose-ext-result');
      pick.setAttribute('type', 'button');
      pick.append(
        el('span', 'result-title', htmlText(preview.title ?? '')),
        el('span', 'result-subtitle', htmlText(preview.subtitle ?? '')),
        el('span', 'result-text', htmlText(preview.text ?? '')),
      );
      pick.addEventListener('click', () => {
        setPending({ card: attachment.content });
        toggleExtension(false);
        input.focus();
      });
      item.append(pick);
      results.append(item);
    }
  }

  /** Teams unfurls a link of a `messageHandlers` domain as soon as it is in the compose box. */
  async function maybeUnfurl() {
    const url = UNFURL_LINK.exec(input.value)?.[0];
    if (url === unfurled) return;
    unfurled = url;
    if (pending?.url && pending.url !== url) setPending(undefined);
    if (!url) return;
    const { status, answer } = await composeInvoke('composeExtension/queryLink', { url }).catch(() => ({
      status: 0,
      answer: undefined,
    }));
    if (unfurled !== url) return;
    const first = status === 200 ? answer?.composeExtension?.attachments?.[0] : undefined;
    // Nothing to unfurl (not a VM, or not one this user can read): the link stays a plain link.
    if (first) setPending({ card: first.content, url });
  }

  function setPending(next: PendingCard | undefined) {
    pending = next;
    pendingBox.replaceChildren();
    pendingBox.hidden = !next;
    if (!next) return;
    const remove = el('button', 'pending-remove', '×');
    remove.setAttribute('type', 'button');
    remove.setAttribute('aria-label', 'Remove the card');
    remove.addEventListener('click', () => setPending(undefined));
    const frame = el('div', 'card-frame');
    frame.append(renderCard(next.card, () => undefined));
    pendingBox.append(el('div', 'pending-label', next.url ? 'Link preview' : 'Card to send'), remove, frame);
  }

  /** The user's message with the card: its Action.Execute buttons then work for whoever clicks. */
  function postCard(text: string, card: unknown) {
    const conv = conversation(currentConversation);
    add(conv, {
      id: crypto.randomUUID(),
      sender: { kind: 'user', key: currentUser },
      ...(text ? { text } : {}),
      cards: [card],
      timestamp: new Date().toISOString(),
      version: 1,
      views: new Map(),
      notes: new Map(),
      refreshed: new Set(),
      busy: new Set(),
    });
    unfurled = undefined;
  }

  // ---- rendering -------------------------------------------------------------------------------
  function switchUser(key: string) {
    currentUser = key;
    picker.value = key;
    if (info(currentConversation).kind === 'personal') currentConversation = personalConversationId(key);
    const url = new URL(window.location.href);
    url.searchParams.set('user', key);
    window.history.replaceState(null, '', url);
    renderAll();
  }

  function switchConversation(id: string) {
    currentConversation = id;
    renderAll();
    input.focus();
  }

  function renderAll() {
    whoAvatar.textContent = initials(user(currentUser).name);
    whoAvatar.style.background = colorFor(currentUser);
    conversation(currentConversation);
    renderRail();
    renderHeader();
    renderTranscript();
  }

  function renderRail() {
    const entries: ConversationInfo[] = [
      info(personalConversationId(currentUser)),
      GROUP_CONVERSATION,
      CHANNEL_CONVERSATION,
    ];
    chats.replaceChildren(
      ...entries.map((entry) => {
        const item = el('li');
        const button = el('button', `chat-item${entry.id === currentConversation ? ' active' : ''}`);
        button.setAttribute('type', 'button');
        if (entry.id === currentConversation) button.setAttribute('aria-current', 'true');
        const avatar = el(
          'span',
          `avatar ${entry.kind === 'personal' ? 'avatar-bot' : 'avatar-group'}`,
          avatarText(entry),
        );
        const text = el('span', 'chat-item-text');
        const last = conversations.get(entry.id)?.messages.at(-1);
        text.append(
          el(
            'span',
            'chat-item-title',
            entry.kind === 'personal'
              ? config.bot.name
              : entry.kind === 'channel'
                ? `Ops · ${entry.title} (channel)`
                : `${entry.title} (group chat)`,
          ),
          el(
            'span',
            'chat-item-preview',
            last
              ? preview(last)
              : entry.kind === 'personal'
                ? 'Personal chat'
                : `${users.length} members + ${config.bot.name}`,
          ),
        );
        button.append(avatar, text);
        button.addEventListener('click', () => switchConversation(entry.id));
        item.append(button);
        return item;
      }),
    );
  }

  function renderHeader() {
    const current = info(currentConversation);
    const avatar = el(
      'span',
      `avatar ${current.kind === 'personal' ? 'avatar-bot' : 'avatar-group'}`,
      avatarText(current),
    );
    const titles = el('div', 'chat-titles');
    titles.append(
      el('h1', 'chat-title', current.kind === 'personal' ? config.bot.name : current.title),
      el(
        'span',
        'chat-subtitle',
        current.kind === 'personal'
          ? `Personal chat with the bot · as ${user(currentUser).name}`
          : `${current.kind === 'channel' ? 'Channel' : 'Group chat'} · mention ${config.bot.name} to talk to it · as ${user(currentUser).name}`,
      ),
    );
    chatHeader.replaceChildren(avatar, titles);
    input.placeholder =
      current.kind === 'personal'
        ? 'Type a command, e.g. list'
        : `@${config.bot.name} is added for you — type a command`;
  }

  function renderTranscript() {
    const conv = conversation(currentConversation);
    elements.clear();
    transcript.replaceChildren(...conv.messages.map((m) => messageElement(conv, m)));
    transcript.scrollTop = transcript.scrollHeight;
  }

  function renderMessage(conv: ConversationState, message: ChatMessage) {
    if (conv.info.id !== currentConversation) return;
    const old = elements.get(message.id);
    const node = messageElement(conv, message);
    if (old?.isConnected) old.replaceWith(node);
    else transcript.append(node);
  }

  function messageElement(conv: ConversationState, message: ChatMessage): HTMLElement {
    const fromBot = message.sender.kind === 'bot';
    const senderKey = message.sender.kind === 'user' ? message.sender.key : undefined;
    const mine = senderKey === currentUser;
    const item = el('li', `message ${fromBot ? 'from-bot' : 'from-user'}${mine ? ' mine' : ''}`);
    item.dataset.messageId = message.id;
    const avatar = el(
      'span',
      `avatar ${fromBot ? 'avatar-bot' : ''}`,
      fromBot ? 'VM' : initials(user(senderKey ?? '').name),
    );
    if (!fromBot) avatar.style.background = colorFor(senderKey ?? '');
    const body = el('div', 'message-body');
    const meta = el('div', 'message-meta');
    meta.append(
      el('span', 'message-author', fromBot ? config.bot.name : user(senderKey ?? '').name),
      el('time', 'message-time', formatTime(message.timestamp)),
    );
    if (message.version > 1) meta.append(el('span', 'message-edited', 'Updated'));
    body.append(meta);

    if (message.text) {
      const bubble = el('div', 'bubble');
      if (!fromBot && conv.info.kind !== 'personal')
        bubble.append(el('span', 'mention', `@${config.bot.name}`), document.createTextNode(' '));
      bubble.append(document.createTextNode(stripTags(message.text)));
      body.append(bubble);
    }
    if (message.failed) body.append(el('div', 'note note-error', `Not delivered: ${message.failed}`));
    if (message.oauth) body.append(signInElement(conv, message));
    message.cards.forEach((base, index) => {
      const view = index === 0 ? (message.views.get(currentUser) ?? base) : base;
      const frame = el('div', `card-frame${message.busy.has(currentUser) ? ' busy' : ''}`);
      if (message.views.has(currentUser) && index === 0 && conv.info.kind !== 'personal') {
        frame.append(el('div', 'card-badge', 'Only you can see this view'));
      }
      frame.append(
        renderCard(
          view,
          (action) => void execute(conv, message, action, { asUser: currentUser, trigger: 'manual' }),
        ),
      );
      body.append(frame);
      if (index === 0 && conv.info.kind !== 'personal') maybeRefresh(conv, message, view);
    });
    const note = message.notes.get(currentUser);
    if (note) body.append(noteElement(conv, message, note));

    item.append(avatar, body);
    elements.set(message.id, item);
    return item;
  }

  function signInElement(conv: ConversationState, message: ChatMessage): HTMLElement {
    if (message.refused) return el('div', 'note note-error', message.refused);
    const box = el('div', 'signin');
    const sso = message.sso;
    if (sso?.state === 'done') {
      box.classList.add('signin-done');
      box.append(
        el('span', 'signin-icon', '✓'),
        el('span', '', `Signed in with Teams SSO as ${user(sso.user).name}`),
      );
      return box;
    }
    if (sso?.state === 'exchanging') {
      box.append(el('span', 'spinner'), el('span', '', `Signing in ${user(sso.user).name} with Teams SSO…`));
      return box;
    }
    box.append(el('div', 'signin-text', message.oauth?.text ?? 'Sign in'));
    if (sso?.detail) box.append(el('div', 'signin-detail', sso.detail));
    const asUser = sso?.user ?? currentUser;
    const actions = el('div', 'signin-actions');
    const url = message.oauth?.buttons?.find((b) => b.type === 'signin')?.value;
    if (url) {
      const signIn = el('button', 'button primary', message.oauth?.buttons?.[0]?.title ?? 'Sign in');
      signIn.setAttribute('type', 'button');
      signIn.addEventListener('click', () => openSignIn(url, (code) => void verifyState(conv, asUser, code)));
      actions.append(signIn);
    }
    const consent = el('button', 'button', 'Grant consent (emulator)');
    consent.setAttribute('type', 'button');
    consent.title =
      'Shortcut for local development: records consent in the emulator, then Teams verifies the sign-in.';
    consent.addEventListener('click', () => {
      void api.consent(asUser).then(() => verifyState(conv, asUser));
    });
    actions.append(consent);
    box.append(actions);
    return box;
  }

  function noteElement(conv: ConversationState, message: ChatMessage, note: Note): HTMLElement {
    const box = el('div', `note note-${note.tone}`, note.text);
    if (note.tone === 'signin') {
      const actions = el('div', 'signin-actions');
      const retry = () => {
        message.notes.delete(currentUser);
        if (note.retry)
          void api
            .token(currentUser)
            .then((token) =>
              execute(conv, message, note.retry!, { asUser: currentUser, trigger: 'manual', token }),
            );
      };
      if (note.signInUrl) {
        const signIn = el('button', 'button primary', 'Sign in');
        signIn.setAttribute('type', 'button');
        signIn.addEventListener('click', () => openSignIn(note.signInUrl!, retry));
        actions.append(signIn);
      }
      const consent = el('button', 'button', 'Grant consent (emulator)');
      consent.setAttribute('type', 'button');
      consent.addEventListener('click', () => void api.consent(currentUser).then(retry));
      actions.append(consent);
      box.append(actions);
    }
    return box;
  }

  renderAll();
  input.focus();
}

// ---- small helpers ------------------------------------------------------------------------------
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function avatarText(conversation: ConversationInfo): string {
  if (conversation.kind === 'personal') return 'VM';
  return conversation.kind === 'channel' ? 'GE' : 'OT';
}

/** What an HTML-formatted card field (thumbnail card text) reads as, without rendering any markup. */
function htmlText(value: string): string {
  return new DOMParser().parseFromString(value, 'text/html').body.textContent ?? '';
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

const PALETTE = ['#8764b8', '#038387', '#ca5010', '#4f6bed', '#c239b3', '#498205', '#986f0b'];
function colorFor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0]!;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function stripTags(text: string): string {
  return text.replace(/<at>[^<]*<\/at>\s*/g, '').replace(/<[^>]+>/g, '');
}

function preview(message: ChatMessage): string {
  if (message.text) return stripTags(message.text).slice(0, 60);
  if (message.oauth) return 'Sign-in requested';
  const card = message.cards[0] as { fallbackText?: string } | undefined;
  return card?.fallbackText ?? 'Card';
}
