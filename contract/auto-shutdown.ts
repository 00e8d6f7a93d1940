import { isWindowsTimeZone, shortZoneName } from './time-zones.ts';

/**
 * A VM's daily auto-shutdown, as `GET /api/vms/{sub}/{rg}/{vm}/auto-shutdown` answers it and `PUT` takes it:
 * Azure's `Microsoft.DevTestLab/schedules/shutdown-computevm-{vm}` (the portal's "Auto-shutdown").
 */
export interface AutoShutdown {
  readonly enabled: boolean;
  /** Local time of day in `timeZone`, `HH:mm` (00:00–23:59). */
  readonly time: string;
  /** A Windows time zone id, e.g. `W. Europe Standard Time` (see ./time-zones.ts). */
  readonly timeZone: string;
  /** Minutes before the shutdown the notification (the Teams card) is sent; `null`: no notification. */
  readonly notifyMinutesBefore: number | null;
}

/** Azure accepts 15–120 minutes for the notification before an auto-shutdown. */
export const NOTIFY_MINUTES = { min: 15, max: 120 } as const;

/** `HH:mm`, 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type AutoShutdownParse =
  | { readonly ok: true; readonly value: AutoShutdown }
  | { readonly ok: false; readonly field: string; readonly message: string };

const FIELDS = new Set(['enabled', 'time', 'timeZone', 'notifyMinutesBefore']);

/** Validates a `PUT …/auto-shutdown` body; a failure names the field. Pure. */
export function parseAutoShutdown(body: unknown): AutoShutdownParse {
  const fail = (field: string, message: string): AutoShutdownParse => ({ ok: false, field, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('body', 'The body must be a JSON object {enabled, time, timeZone, notifyMinutesBefore}.');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !FIELDS.has(k));
  if (unknown !== undefined) return fail(unknown.slice(0, 40), `Unknown field '${unknown.slice(0, 40)}'.`);
  const enabled = b.enabled ?? true;
  if (typeof enabled !== 'boolean') return fail('enabled', "'enabled' must be true or false.");
  if (typeof b.time !== 'string' || !TIME_OF_DAY.test(b.time))
    return fail('time', "'time' must be a time of day HH:mm between 00:00 and 23:59.");
  if (typeof b.timeZone !== 'string' || !isWindowsTimeZone(b.timeZone))
    return fail('timeZone', "'timeZone' must be a Windows time zone id such as 'W. Europe Standard Time'.");
  const notify = b.notifyMinutesBefore ?? null;
  if (
    notify !== null &&
    (typeof notify !== 'number' ||
      !Number.isInteger(notify) ||
      notify < NOTIFY_MINUTES.min ||
      notify > NOTIFY_MINUTES.max)
  ) {
    return fail(
      'notifyMinutesBefore',
      `'notifyMinutesBefore' must be null or a whole number of minutes from ${NOTIFY_MINUTES.min} to ${NOTIFY_MINUTES.max}.`,
    );
  }
  return { ok: true, value: { enabled, time: b.time, timeZone: b.timeZone, notifyMinutesBefore: notify } };
}

/** `1900` (ARM's `dailyRecurrence.time`) ↔ `19:00`. */
export const armTime = {
  fromHhmm: (value: string): string | undefined =>
    /^([01]\d|2[0-3])([0-5]\d)$/.test(value) ? `${value.slice(0, 2)}:${value.slice(2)}` : undefined,
  toHhmm: (time: string): string => time.replace(':', ''),
};

/** `HH:mm` plus `minutes`, wrapping at midnight ("19:30" + 60 → "20:30"). */
export function addMinutes(time: string, minutes: number): string {
  const match = TIME_OF_DAY.exec(time);
  if (!match) return time;
  const total = (((Number(match[1]) * 60 + Number(match[2]) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** "19:00 W. Europe": the time and the zone's short name. Pure. */
export function scheduleText(schedule: Pick<AutoShutdown, 'time' | 'timeZone'>): string {
  return `${schedule.time} ${shortZoneName(schedule.timeZone)}`;
}

/**
 * What the tab and the cards say about a VM's auto-shutdown, the same everywhere: "Shuts down 19:00 W. Europe", or
 * `off` (default "Auto-shutdown off") when there is none or it is disabled. Pure.
 */
export function autoShutdownText(
  schedule: Pick<AutoShutdown, 'enabled' | 'time' | 'timeZone'> | null | undefined,
  off = 'Auto-shutdown off',
): string {
  return schedule?.enabled ? `Shuts down ${scheduleText(schedule)}` : off;
}

/** `POST /api/notifications/auto-shutdown/{token}`: Azure's documented `ShutdownNotificationContent`. */
export interface ShutdownNotification {
  readonly skipUrl?: string;
  readonly delayUrl60?: string;
  readonly delayUrl120?: string;
  readonly vmName?: string;
  readonly guid?: string;
  readonly owner?: string;
  readonly vmUrl?: string;
  readonly minutesUntilShutdown?: string | number;
  readonly eventType?: string;
  readonly text?: string;
  readonly subscriptionId?: string;
  readonly resourceGroupName?: string;
  readonly labName?: string;
}

/** What a click on the notification card does. */
export const AUTO_SHUTDOWN_RESPONSES = ['skip', 'delay60', 'delay120', 'stopNow'] as const;
export type AutoShutdownResponse = (typeof AUTO_SHUTDOWN_RESPONSES)[number];
