import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import { apiPaths } from '../../contract/api.ts';
import { armTime, type ShutdownNotification } from '../../contract/auto-shutdown.ts';
import { windowsTimeZone } from '../../contract/time-zones.ts';
import type { VmRef } from '../../contract/vm.ts';
import { parseVmId, vmIdOf, vmKey } from '../../contract/vm-id.ts';
import type { ArmShutdownSchedule, ScheduleGateway } from '../azure/schedules.ts';
import { AppError } from '../domain/errors.ts';
import type {
  AutoShutdownNotifier,
  AutoShutdownRecipient,
  AutoShutdownService,
  VmService,
} from '../domain/services.ts';
import type { UsageLimits } from '../limits/usage-limits.ts';
import type { FetchLike } from '../net/https-fetch.ts';
import { stateKeys, webhookTokenId } from '../state/keys.ts';
import type { StateStore } from '../state/store.ts';
import { unreadableReporter } from '../state/unreadable.ts';
import { toAutoShutdown } from './auto-shutdown-map.ts';

/** How long the app remembers who to tell for a schedule it saved (renewed by every save). */
export const RECIPIENT_TTL_MS = 180 * 24 * 60 * 60_000;
const DELIVERED_TTL_MS = 24 * 60 * 60_000;
/** Tokens are 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const MAX_LINK = 2048;

export interface AutoShutdownOptions {
  /** The budgeted VM service: the VM's visibility, location and the user's actions (permissions API). */
  readonly vms: VmService;
  readonly schedules: ScheduleGateway;
  readonly limits: UsageLimits;
  readonly state: StateStore;
  /** Where Azure reaches this service (`PUBLIC_URL`): the schedules' webhook is under it. */
  readonly publicUrl: string;
  /** Whether a notification's skip / delay link may be followed (Azure's hosts; the emulator in local mode). */
  readonly isTrustedLink: (url: URL) => boolean;
  /** GETs a skip / delay link. Local mode: trusts the emulator's CA. */
  readonly fetch?: FetchLike;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** Azure's hosts for the notification's skip / delay links (outside local mode). */
const AZURE_LINK_HOSTS = ['.azure.com', '.azure.net', '.microsoft.com', '.windows.net'];

/** Production's link policy: https on one of Azure's hosts. */
export function azureLinkPolicy(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && AZURE_LINK_HOSTS.some((suffix) => host.endsWith(suffix));
}

/** Who a webhook token tells, as `set` stores it. */
const storedRecipient = z.object({
  vmId: z.string(),
  vmName: z.string(),
  tid: z.string(),
  oid: z.string(),
  name: z.string(),
  time: z.string(),
  timeZone: z.string(),
  price: z.object({ perHour: z.number(), currency: z.string(), meter: z.string() }).nullable().optional(),
});

/** The stored recipient; undefined when absent or unreadable (then `onUnreadable` is told). */
function parseRecipient(
  raw: string | undefined,
  onUnreadable: () => void,
): AutoShutdownRecipient | undefined {
  if (raw === undefined) return undefined;
  try {
    const { price, ...recipient } = storedRecipient.parse(JSON.parse(raw));
    return { ...recipient, ...(price !== undefined ? { price } : {}) };
  } catch {
    onUnreadable();
    return undefined;
  }
}

const notConfigured = (ref: VmRef) =>
  new AppError('NotConfigured', `${ref.name} has no auto-shutdown schedule.`, {});

/** Validates Azure's notification body; a failure names the field. Pure. */
export function parseShutdownNotification(
  body: unknown,
): { ok: true; value: ShutdownNotification } | { ok: false; field: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, field: 'body' };
  const b = body as Record<string, unknown>;
  for (const field of ['vmName', 'skipUrl', 'delayUrl60', 'delayUrl120'] as const) {
    const v = b[field];
    if (typeof v !== 'string' || v.length === 0 || v.length > MAX_LINK) return { ok: false, field };
    if (field !== 'vmName' && !URL.canParse(v)) return { ok: false, field };
  }
  const minutes = b.minutesUntilShutdown;
  if (
    minutes !== undefined &&
    !(typeof minutes === 'number' && Number.isFinite(minutes)) &&
    !(typeof minutes === 'string' && /^\d{1,4}$/.test(minutes))
  ) {
    return { ok: false, field: 'minutesUntilShutdown' };
  }
  for (const field of ['subscriptionId', 'resourceGroupName', 'eventType', 'guid', 'owner', 'text']) {
    const v = b[field];
    if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > 1000))
      return { ok: false, field };
  }
  const pick = (k: string) => (typeof b[k] === 'string' ? { [k]: b[k] as string } : {});
  return {
    ok: true,
    value: {
      vmName: b.vmName as string,
      skipUrl: b.skipUrl as string,
      delayUrl60: b.delayUrl60 as string,
      delayUrl120: b.delayUrl120 as string,
      ...(minutes !== undefined ? { minutesUntilShutdown: minutes as string | number } : {}),
      ...pick('subscriptionId'),
      ...pick('resourceGroupName'),
      ...pick('eventType'),
      ...pick('guid'),
    },
  };
}

/**
 * VM auto-shutdown, as the user: read / save / delete the DevTest Labs schedule (ARM decides who may; the
 * per-user budgets apply), a per-schedule webhook token in the store that says who to tell, and Azure's
 * notification turned into one card for that person.
 */
export function createAutoShutdownService(options: AutoShutdownOptions): AutoShutdownService {
  const { state, schedules, limits, vms } = options;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const unreadable = unreadableReporter(options.logger, 'auto-shutdown recipient');
  let notifier: AutoShutdownNotifier | undefined;

  /** Forgets the VM's previous webhook token (by its id), keeping `keep` (the new one's id) as its current one. */
  async function retire(ref: VmRef, keep?: string): Promise<void> {
    const key = stateKeys.autoShutdownVm(vmKey(ref));
    const old = await state.get(key);
    if (old && old !== keep) await state.delete(stateKeys.autoShutdownToken(old));
    if (keep) await state.set(key, keep, RECIPIENT_TTL_MS);
    else await state.delete(key);
  }

  return {
    async get(user, ref) {
      await limits.read(user);
      const schedule = await schedules.get(user, ref);
      if (!schedule) throw notConfigured(ref);
      return toAutoShutdown(schedule);
    },

    async set(user, ref, value) {
      // The raw schedule (its e-mail recipient, which the VM's mapped slice lacks) is read alongside the VM. None is
      // `undefined`; a failed read (throttled, Azure down) fails the save rather than dropping what it held.
      const [vm, existing] = await Promise.all([vms.get(user, ref), schedules.get(user, ref)]);
      await limits.act(user, 1);
      const zone = windowsTimeZone(value.timeZone);
      if (!zone) throw new AppError('BadRequest', "'timeZone' is not a Windows time zone id.", {});
      const notify = value.enabled && value.notifyMinutesBefore !== null;
      const token = notify ? randomBytes(32).toString('base64url') : undefined;
      const tokenId = token ? webhookTokenId(token) : undefined;
      if (tokenId) {
        const recipient: AutoShutdownRecipient = {
          vmId: vmIdOf(ref),
          vmName: vm.name,
          tid: user.tid,
          oid: user.oid,
          name: user.name || user.upn,
          time: value.time,
          timeZone: zone.id,
          ...(vm.price ? { price: vm.price } : {}),
        };
        // Stored first: Azure may notify as soon as the schedule exists.
        await state.set(stateKeys.autoShutdownToken(tokenId), JSON.stringify(recipient), RECIPIENT_TTL_MS);
      }
      const schedule: ArmShutdownSchedule = {
        enabled: value.enabled,
        time: armTime.toHhmm(value.time),
        timeZoneId: zone.id,
        targetResourceId: vm.id,
        notification: {
          enabled: notify,
          timeInMinutes: value.notifyMinutesBefore ?? existing?.notification.timeInMinutes ?? 30,
          ...(token ? { webhookUrl: `${options.publicUrl}${apiPaths.autoShutdownNotification(token)}` } : {}),
          ...(existing?.notification.emailRecipient
            ? { emailRecipient: existing.notification.emailRecipient }
            : {}),
        },
      };
      let saved: ArmShutdownSchedule;
      try {
        saved = await schedules.put(user, ref, schedule, vm.location);
      } catch (error) {
        if (tokenId) await state.delete(stateKeys.autoShutdownToken(tokenId)).catch(() => undefined);
        throw error;
      }
      await retire(ref, tokenId);
      options.logger?.info({ vmId: vm.id, oid: user.oid, notify }, 'auto-shutdown saved');
      return toAutoShutdown(saved);
    },

    async remove(user, ref) {
      await vms.get(user, ref);
      await limits.act(user, 1);
      await schedules.delete(user, ref);
      await retire(ref);
    },

    async respond(user, ref, link) {
      const vm = await vms.get(user, ref);
      if (!vm.actions.includes('setAutoShutdown')) {
        throw new AppError(
          'AuthorizationFailed',
          `Your Azure role doesn't allow changing the auto-shutdown of ${vm.name} (Microsoft.DevTestLab/schedules/write).`,
          {},
        );
      }
      const url = URL.canParse(link) ? new URL(link) : undefined;
      if (!url || !options.isTrustedLink(url))
        throw new AppError('BadRequest', 'The notification link does not point at Azure.', {});
      await limits.act(user, 1);
      let response: Response;
      try {
        response = await doFetch(url, { signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        throw new AppError('AzureUnavailable', 'Azure could not be reached to change the shutdown.', {
          cause: error,
          retryAfter: 5,
        });
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 404 || response.status === 410)
        throw new AppError('NotFound', 'This shutdown notification has expired.', {});
      if (!response.ok)
        throw new AppError('AzureError', `Azure answered ${response.status} to the shutdown change.`, {});
    },

    async notified(token, readBody) {
      if (!TOKEN.test(token)) throw new AppError('NotFound', 'No such notification endpoint.', {});
      const tokenId = webhookTokenId(token);
      const recipient = parseRecipient(await state.get(stateKeys.autoShutdownToken(tokenId)), () =>
        unreadable(tokenId),
      );
      if (!recipient) throw new AppError('NotFound', 'No such notification endpoint.', {});
      const parsed = parseShutdownNotification(await readBody());
      if (!parsed.ok)
        throw new AppError('BadRequest', `The notification's '${parsed.field}' is missing or invalid.`, {});
      const n = parsed.value;
      const ref = parseVmId(recipient.vmId);
      const sameVm =
        ref !== undefined &&
        n.vmName?.toLowerCase() === recipient.vmName.toLowerCase() &&
        (n.subscriptionId === undefined ||
          n.subscriptionId.toLowerCase() === ref.subscriptionId.toLowerCase()) &&
        (n.resourceGroupName === undefined ||
          n.resourceGroupName.toLowerCase() === ref.resourceGroup.toLowerCase());
      if (!sameVm) throw new AppError('NotFound', 'This schedule is not for that VM.', {});
      const occurrence = createHash('sha256')
        .update(`${n.skipUrl}|${n.delayUrl60}|${n.delayUrl120}`)
        .digest('base64url');
      const first = await state.setIfAbsent(
        stateKeys.autoShutdownDelivered(tokenId, occurrence),
        String(options.now?.() ?? Date.now()),
        DELIVERED_TTL_MS,
      );
      if (!first) return { delivered: false, duplicate: true };
      const delivered = notifier ? await notifier.notify(recipient, n) : false;
      if (!delivered)
        options.logger?.info({ vmId: recipient.vmId }, 'auto-shutdown notification not delivered');
      return { delivered, duplicate: false };
    },

    setNotifier(value) {
      notifier = value;
    },
  };
}
