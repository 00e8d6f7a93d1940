import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type {
  AutoShutdown,
  AutoShutdownResponse,
  ShutdownNotification,
} from '../../contract/auto-shutdown.ts';
import { windowsIdForIana } from '../../contract/time-zones.ts';
import type { Vm, VmRef } from '../../contract/vm.ts';
import { isAppError } from '../../src/domain/errors.ts';
import type {
  AutoShutdownNotifier,
  AutoShutdownRecipient,
  AutoShutdownService,
  VmService,
} from '../../src/domain/services.ts';
import type { SignedInUser } from '../../src/domain/user.ts';
import { userKeyOf } from '../../src/domain/user.ts';
import { stateKeys } from '../../src/state/keys.ts';
import type { SecretBox } from '../../src/state/secret-box.ts';
import type { StateStore } from '../../src/state/store.ts';
import {
  autoShutdownCard,
  shutdownAnsweredCard,
  shutdownSoonCard,
  scheduleText,
} from '../cards/auto-shutdown-card.ts';
import type { CardIntent } from '../cards/intents.ts';
import { errorCard } from '../cards/message-cards.ts';
import type { Command } from '../commands/parse.ts';
import type { ConversationHandle, ProactivePort, TurnInfo } from './turn.ts';
import { refOf, type ActionOutcome } from './outcome.ts';

type AutoShutdownIntent = Extract<CardIntent, { verb: `autoshutdown.${string}` }>;
type AutoShutdownSetting = Extract<Command, { kind: 'autoShutdown' }>['setting'];

export interface AutoShutdownBotOptions {
  readonly vms: VmService;
  readonly autoShutdown: AutoShutdownService;
  readonly state: StateStore;
  /** Seals the stored notifications: Azure's skip / delay links in them work for whoever holds them. */
  readonly box: SecretBox;
  /** A stored notification that cannot be read (tampered, another key, another shape): expired, and reported. */
  readonly onUnreadable?: (noticeId: string) => void;
  readonly proactive: ProactivePort;
  readonly logger: Logger;
  /** How long the card's buttons work. Default 6 h. */
  readonly noticeTtlMs?: number;
}

/**
 * One notification card: what its buttons need. Azure's skip / delay links stay here, never in the card, and are
 * sealed at rest (they are bearer capabilities).
 */
interface Notice {
  readonly id: string;
  readonly vmId: string;
  readonly vmName: string;
  readonly minutes: number;
  readonly time: string;
  readonly timeZone: string;
  readonly skipUrl: string;
  readonly delayUrl60: string;
  readonly delayUrl120: string;
  readonly price?: Vm['price'];
}

const storedNotice = z.object({
  id: z.string(),
  vmId: z.string(),
  vmName: z.string(),
  minutes: z.number(),
  time: z.string(),
  timeZone: z.string(),
  skipUrl: z.string(),
  delayUrl60: z.string(),
  delayUrl120: z.string(),
  price: z.object({ perHour: z.number(), currency: z.string(), meter: z.string() }).nullable().optional(),
});

const CONVERSATION_TTL_MS = 180 * 24 * 60 * 60_000;

export interface AutoShutdownBot {
  /** Remembers where the bot reaches a user one-on-one (for the card before a shutdown). */
  remember(info: TurnInfo, handle: ConversationHandle): Promise<void>;
  readonly notifier: AutoShutdownNotifier;
  /** A button on one of its cards; `info`'s zone (IANA) is a new schedule's. */
  runIntent(
    user: SignedInUser,
    intent: AutoShutdownIntent,
    info?: Pick<TurnInfo, 'localTimezone'>,
  ): Promise<ActionOutcome>;
  /** "autoshutdown <vm> [time|off]", once the name is resolved (vm-actions' resolveOrChoose). */
  runCommand(
    user: SignedInUser,
    vm: Vm,
    setting: AutoShutdownSetting,
    info?: Pick<TurnInfo, 'localTimezone'>,
  ): Promise<ActionOutcome>;
}

const minutesOf = (value: ShutdownNotification['minutesUntilShutdown'], fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1440 ? Math.round(n) : fallback;
};

export function createAutoShutdownBot(options: AutoShutdownBotOptions): AutoShutdownBot {
  const { vms, autoShutdown, state, box, logger: log } = options;
  const noticeTtlMs = options.noticeTtlMs ?? 6 * 60 * 60_000;

  async function conversationOf(tid: string, oid: string): Promise<ConversationHandle | undefined> {
    const raw = await state.get(stateKeys.botConversation(userKeyOf({ tid, oid })));
    if (!raw) return undefined;
    try {
      const handle = JSON.parse(raw) as ConversationHandle;
      return typeof handle?.conversationId === 'string' ? handle : undefined;
    } catch {
      return undefined;
    }
  }

  async function noticeOf(id: string): Promise<Notice | undefined> {
    const key = stateKeys.autoShutdownNotice(id);
    const sealed = await state.get(key);
    if (sealed === undefined) return undefined;
    const json = box.open(sealed, key);
    let notice: Notice | undefined;
    try {
      notice = json === undefined ? undefined : storedNotice.parse(JSON.parse(json));
    } catch {
      notice = undefined;
    }
    if (notice?.id === id) return notice;
    options.onUnreadable?.(id);
    return undefined;
  }

  const notifier: AutoShutdownNotifier = {
    async notify(recipient: AutoShutdownRecipient, n: ShutdownNotification) {
      const handle = await conversationOf(recipient.tid, recipient.oid);
      if (!handle) {
        log.info({ oid: recipient.oid, vmId: recipient.vmId }, 'bot.autoshutdown.no_conversation');
        return false;
      }
      const notice: Notice = {
        id: randomBytes(18).toString('base64url'),
        vmId: recipient.vmId,
        vmName: recipient.vmName,
        minutes: minutesOf(n.minutesUntilShutdown, 30),
        time: recipient.time,
        timeZone: recipient.timeZone,
        skipUrl: n.skipUrl ?? '',
        delayUrl60: n.delayUrl60 ?? '',
        delayUrl120: n.delayUrl120 ?? '',
        ...(recipient.price ? { price: recipient.price } : {}),
      };
      const key = stateKeys.autoShutdownNotice(notice.id);
      await state.set(key, box.seal(JSON.stringify(notice), key), noticeTtlMs);
      await options.proactive.continue(handle, async (conversation) => {
        await conversation.send({ kind: 'card', card: soonCard(notice) });
      });
      log.info({ oid: recipient.oid, vmId: recipient.vmId }, 'bot.autoshutdown.notified');
      return true;
    },
  };

  const soonCard = (notice: Notice, warning?: string) =>
    shutdownSoonCard({
      vmName: notice.vmName,
      vmId: notice.vmId,
      minutes: notice.minutes,
      time: notice.time,
      timeZone: notice.timeZone,
      notice: notice.id,
      ...(notice.price ? { price: notice.price } : {}),
      ...(warning ? { warning } : {}),
    });

  const refused = (user: SignedInUser, notice: Notice) =>
    soonCard(
      notice,
      `${user.name || user.upn}, your Azure role doesn't allow changing the auto-shutdown of ${notice.vmName}, so nothing changed.`,
    );

  async function respond(user: SignedInUser, noticeId: string, response: AutoShutdownResponse) {
    const notice = await noticeOf(noticeId);
    if (!notice) {
      return {
        card: errorCard({
          title: 'This notification has expired',
          message: 'The shutdown it was about has passed. Use “autoshutdown <vm>” to see the schedule.',
          code: 'NotFound',
        }),
      };
    }
    const ref = refOf(notice.vmId);
    const by = user.name || user.upn;
    const answered = () =>
      shutdownAnsweredCard({
        vmName: notice.vmName,
        vmId: notice.vmId,
        response,
        by,
        time: notice.time,
        timeZone: notice.timeZone,
      });
    if (response === 'stopNow') {
      // As the clicker: their role must allow changing the schedule, and ARM decides the deallocation.
      const vm = await vms.get(user, ref);
      if (!vm.actions.includes('setAutoShutdown')) return { card: refused(user, notice) };
      const operation = await vms.act(user, ref, 'deallocate');
      return { card: answered(), operation };
    }
    const link =
      response === 'skip' ? notice.skipUrl : response === 'delay60' ? notice.delayUrl60 : notice.delayUrl120;
    try {
      await autoShutdown.respond(user, ref, link);
    } catch (error) {
      if (isAppError(error) && error.code === 'AuthorizationFailed') return { card: refused(user, notice) };
      throw error;
    }
    log.info({ oid: user.oid, vmId: notice.vmId, response }, 'bot.autoshutdown.answered');
    return { card: answered() };
  }

  /** The VM's schedule, or null when it has none (other errors propagate). */
  async function scheduleOf(user: SignedInUser, ref: VmRef): Promise<AutoShutdown | null> {
    try {
      return await autoShutdown.get(user, ref);
    } catch (error) {
      if (isAppError(error) && error.code === 'NotConfigured') return null;
      throw error;
    }
  }

  async function show(user: SignedInUser, vm: Vm, notice?: Parameters<typeof autoShutdownCard>[0]['notice']) {
    const schedule = await scheduleOf(user, refOf(vm.id));
    return { card: autoShutdownCard({ vm, schedule, ...(notice ? { notice } : {}) }) };
  }

  async function set(
    user: SignedInUser,
    vm: Vm,
    setting: { readonly time: string } | { readonly off: true },
    localTimezone?: string,
  ): Promise<ActionOutcome> {
    const ref = refOf(vm.id);
    if ('off' in setting) {
      await autoShutdown.remove(user, ref);
      return {
        card: autoShutdownCard({
          vm,
          schedule: null,
          notice: { text: `Auto-shutdown of ${vm.name} turned off`, tone: 'good' },
        }),
      };
    }
    // Only "none yet" means the defaults: a throttled or unavailable read must not overwrite the zone and lead time.
    const current = await scheduleOf(user, ref);
    const saved = await autoShutdown.set(user, ref, {
      enabled: true,
      time: setting.time,
      timeZone: current?.timeZone ?? windowsIdForIana(localTimezone),
      notifyMinutesBefore: current?.notifyMinutesBefore ?? 30,
    });
    return {
      card: autoShutdownCard({
        vm,
        schedule: saved,
        notice: { text: `${vm.name} now shuts down daily at ${scheduleText(saved)}`, tone: 'good' },
      }),
    };
  }

  return {
    async remember(info, handle) {
      if (info.conversationKind !== 'personal' || !info.from.aadObjectId || !info.tenantId) return;
      await state.set(
        stateKeys.botConversation(userKeyOf({ tid: info.tenantId, oid: info.from.aadObjectId })),
        JSON.stringify(handle),
        CONVERSATION_TTL_MS,
      );
    },

    notifier,

    async runIntent(user, intent, info) {
      switch (intent.verb) {
        case 'autoshutdown.respond':
          return respond(user, intent.notice, intent.response);
        case 'autoshutdown.show':
          return show(user, await vms.get(user, refOf(intent.vmId)));
        case 'autoshutdown.set': {
          const vm = await vms.get(user, refOf(intent.vmId));
          if (intent.off) return set(user, vm, { off: true });
          if (!intent.time) return show(user, vm, { text: 'Pick a time of day first.', tone: 'warning' });
          return set(user, vm, { time: intent.time }, info?.localTimezone);
        }
      }
    },

    async runCommand(user, vm, setting, info) {
      if (!setting) return show(user, vm);
      if ('invalid' in setting) {
        return {
          card: errorCard({
            title: `“${setting.invalid}” is not a time`,
            message:
              'Use a 24-hour time between 00:00 and 23:59, or “off”. For example: autoshutdown web-02 19:00',
            code: 'BadRequest',
          }),
        };
      }
      return set(user, vm, setting, info?.localTimezone);
    },
  };
}
