import { randomBytes, randomUUID } from 'node:crypto';
import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { demand, demandSomeAccess, requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { ArmError, armErrors } from './errors.ts';
import { paginate } from './paging.ts';
import { beginPowerOperation } from './power-operation.ts';
import { addDays, localClock, zonedInstant, zoneOf } from './time-zones.ts';
import type { AutoShutdownControl, AutoShutdownRunResult } from './types.ts';
import type { VmRecord } from './store.ts';

const TYPE = 'Microsoft.DevTestLab/schedules';
export const SCHEDULE_ACTIONS = {
  read: `${TYPE}/read`,
  write: `${TYPE}/write`,
  delete: `${TYPE}/delete`,
} as const;
const SHUTDOWN_TASK = 'ComputeVmShutdownTask';

/** A schedule as `Microsoft.DevTestLab/schedules` stores it (the VM shutdown kind: daily, one target VM). */
interface ScheduleRecord {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly status: 'Enabled' | 'Disabled';
  readonly taskType: string;
  /** `HHmm`. */
  readonly time: string;
  /** Canonical Windows id. */
  readonly timeZoneId: string;
  readonly targetResourceId: string;
  readonly notificationSettings: {
    readonly status: 'Enabled' | 'Disabled';
    readonly timeInMinutes: number;
    readonly webhookUrl?: string;
    readonly emailRecipient?: string;
    readonly notificationLocale: string;
  };
  readonly createdDate: string;
  readonly uniqueIdentifier: string;
}

/**
 * A schedule's next shutdown (made when the previous one is over): its instants in epoch ms, fixed when it is made, so
 * that a notification before midnight or a delay past it belongs to the right day. The skip / delay links act on it.
 */
interface Occurrence {
  readonly scheduleId: string;
  /** The local date (schedule's zone) whose `time` it is. */
  readonly date: string;
  /** When the notification is due: `timeInMinutes` before the schedule's time. */
  readonly notifyAt: number;
  /** When the VM is shut down: the schedule's time plus delays. */
  shutdownAt: number;
  skipped: boolean;
  delayMinutes: number;
  notified: boolean;
  ran: boolean;
  /** The notification's link token and the shutdown instant it was made for. */
  link?: { readonly token: string; readonly at: number };
}

type Address = { readonly subscriptionId: string; readonly resourceGroup: string; readonly name: string };

const ENABLE = ['Enabled', 'Disabled'] as const;
const HHMM = /^([01]\d|2[0-3])[0-5]\d$/;

function invalid(code: string, message: string, target?: string): ArmError {
  return new ArmError(400, code, message, target ? { target } : {});
}

function enableStatus(value: unknown, field: string, fallback: 'Enabled' | 'Disabled') {
  if (value === undefined || value === null) return fallback;
  const match = ENABLE.find((v) => typeof value === 'string' && v.toLowerCase() === value.toLowerCase());
  if (!match)
    throw invalid('InvalidParameter', `The value of '${field}' must be 'Enabled' or 'Disabled'.`, field);
  return match;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The principal a scheduled shutdown's operation is recorded for (the platform's, not a user's). */
const SCHEDULER_PRINCIPAL = '00000000-0000-0000-0000-00000000d71a';

/**
 * `Microsoft.DevTestLab/schedules` in resource groups (the portal's VM auto-shutdown,
 * `shutdown-computevm-{vm}`), bodies as the REST spec's GlobalSchedules examples, RBAC as ARM checks it; and
 * the schedules' runner: the notification to `webhookUrl` at `time − timeInMinutes` (with skip / delay links of
 * this emulator) and the deallocation at `time` (plus delays). A timer checks every 20 s (`tick`); the control API
 * drives it at once.
 */
export function createSchedulesHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;
  const schedules = new Map<string, ScheduleRecord>();
  /** By schedule id (lower case): today's occurrence. */
  const occurrences = new Map<string, Occurrence>();
  /** Link token → schedule id (lower case). Bounded: one live token per schedule. */
  const links = new Map<string, string>();
  ctx.onReset(() => {
    schedules.clear();
    occurrences.clear();
    links.clear();
  });
  /** Drops a schedule's link tokens (its notification's links stop working). */
  const dropLinks = (id: string) => {
    for (const [token, sid] of links) if (sid === id) links.delete(token);
  };

  const scheduleId = (a: Address) =>
    `/subscriptions/${a.subscriptionId}/resourcegroups/${a.resourceGroup}/providers/microsoft.devtestlab/schedules/${a.name}`.toLowerCase();

  const body = (s: ScheduleRecord) => ({
    properties: {
      status: s.status,
      taskType: s.taskType,
      dailyRecurrence: { time: s.time },
      timeZoneId: s.timeZoneId,
      notificationSettings: {
        status: s.notificationSettings.status,
        timeInMinutes: s.notificationSettings.timeInMinutes,
        ...(s.notificationSettings.webhookUrl ? { webhookUrl: s.notificationSettings.webhookUrl } : {}),
        ...(s.notificationSettings.emailRecipient
          ? { emailRecipient: s.notificationSettings.emailRecipient }
          : {}),
        notificationLocale: s.notificationSettings.notificationLocale,
      },
      createdDate: s.createdDate,
      targetResourceId: s.targetResourceId,
      provisioningState: 'Succeeded',
      uniqueIdentifier: s.uniqueIdentifier,
    },
    id: s.id,
    name: s.name,
    type: TYPE.toLowerCase(),
    location: s.location,
    tags: s.tags,
  });

  /** The resource group (404 after the 403 check, as ARM authorizes first). */
  const resolveGroup = (call: ArmCall, a: Address, action: string) => {
    const sub = requireSubscription(deps, a.subscriptionId);
    const rg = store.resourceGroup(sub.subscriptionId, a.resourceGroup);
    const scope = `${rg?.id ?? `${sub.id}/resourceGroups/${a.resourceGroup}`}/providers/${TYPE}/${a.name}`;
    demand(deps, call.caller, action, scope);
    if (!rg) throw armErrors.resourceGroupNotFound(a.resourceGroup);
    return { sub, rg };
  };

  const notFound = (a: Address) =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${TYPE}/${a.name}' under resource group '${a.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );

  const vmOf = (targetResourceId: string): VmRecord | undefined => {
    const m =
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i.exec(
        targetResourceId,
      );
    return m ? store.vm(m[1]!, m[2]!, m[3]!) : undefined;
  };

  async function parseBody(call: ArmCall): Promise<Record<string, unknown>> {
    const text = (await call.req.body()).toString('utf8');
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch (error) {
      throw armErrors.invalidRequestContent(error instanceof Error ? error.message : 'Unexpected content');
    }
    throw armErrors.invalidRequestContent('The request content must be a JSON object.');
  }

  function validate(a: Address, raw: Record<string, unknown>, existing: ScheduleRecord | undefined) {
    const p = (raw.properties ?? {}) as Record<string, unknown>;
    if (typeof p !== 'object' || p === null)
      throw invalid('InvalidParameter', "'properties' must be an object.");
    const taskType = typeof p.taskType === 'string' ? p.taskType : '';
    if (taskType.toLowerCase() !== SHUTDOWN_TASK.toLowerCase())
      throw invalid(
        'InvalidTaskType',
        `The task type '${taskType}' is not supported for a schedule outside a lab. Use '${SHUTDOWN_TASK}'.`,
        'taskType',
      );
    const daily = p.dailyRecurrence as { time?: unknown } | undefined;
    const time = daily?.time;
    if (typeof time !== 'string' || !HHMM.test(time))
      throw invalid(
        'InvalidDailyRecurrenceTime',
        `The daily recurrence time '${String(time)}' is not valid. Use 24-hour 'HHmm', e.g. '1900'.`,
        'dailyRecurrence.time',
      );
    const zone = typeof p.timeZoneId === 'string' ? zoneOf(p.timeZoneId) : undefined;
    if (!zone)
      throw invalid(
        'InvalidTimeZoneId',
        `The time zone id '${String(p.timeZoneId)}' is not a valid Windows time zone id.`,
        'timeZoneId',
      );
    const target = typeof p.targetResourceId === 'string' ? p.targetResourceId : '';
    const vm = vmOf(target);
    if (!vm || !sameId(vm.subscriptionId, a.subscriptionId))
      throw invalid(
        'InvalidTargetResourceId',
        `The target resource '${target}' is not a virtual machine of this subscription.`,
        'targetResourceId',
      );
    if (a.name.toLowerCase() !== `shutdown-computevm-${vm.name}`.toLowerCase())
      throw invalid(
        'InvalidScheduleName',
        `A virtual machine's shutdown schedule must be named 'shutdown-computevm-${vm.name}'.`,
        'name',
      );
    const n = (p.notificationSettings ?? {}) as Record<string, unknown>;
    const minutes = n.timeInMinutes ?? 30;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 15 || minutes > 120)
      throw invalid(
        'InvalidNotificationTime',
        'notificationSettings.timeInMinutes must be a whole number from 15 to 120.',
        'notificationSettings.timeInMinutes',
      );
    const webhookUrl = typeof n.webhookUrl === 'string' && n.webhookUrl !== '' ? n.webhookUrl : undefined;
    if (webhookUrl && !(URL.canParse(webhookUrl) && /^https?:$/.test(new URL(webhookUrl).protocol)))
      throw invalid(
        'InvalidWebhookUrl',
        'The webhook URL must be an http(s) URL.',
        'notificationSettings.webhookUrl',
      );
    const notifyStatus = enableStatus(n.status, 'notificationSettings.status', 'Disabled');
    const emailRecipient =
      typeof n.emailRecipient === 'string' && n.emailRecipient ? n.emailRecipient : undefined;
    if (notifyStatus === 'Enabled' && !webhookUrl && !emailRecipient)
      throw invalid(
        'InvalidNotificationSettings',
        'Notifications are enabled but neither a webhook URL nor an email recipient is set.',
        'notificationSettings',
      );
    const tags = (typeof raw.tags === 'object' && raw.tags !== null ? raw.tags : {}) as Record<
      string,
      string
    >;
    const record: ScheduleRecord = {
      id: scheduleId(a),
      name: a.name,
      subscriptionId: vm.subscriptionId,
      resourceGroup: a.resourceGroup,
      location: typeof raw.location === 'string' && raw.location ? raw.location : vm.location,
      tags: { ...tags },
      status: enableStatus(p.status, 'status', 'Enabled'),
      taskType: SHUTDOWN_TASK,
      time,
      timeZoneId: zone.id,
      targetResourceId: vm.id,
      notificationSettings: {
        status: notifyStatus,
        timeInMinutes: minutes,
        ...(webhookUrl ? { webhookUrl } : {}),
        ...(emailRecipient ? { emailRecipient } : {}),
        notificationLocale: typeof n.notificationLocale === 'string' ? n.notificationLocale : 'en',
      },
      createdDate: existing?.createdDate ?? new Date(ctx.now()).toISOString(),
      uniqueIdentifier: existing?.uniqueIdentifier ?? randomUUID(),
    };
    return record;
  }

  // ---- the runner --------------------------------------------------------------------------------

  const scheduleFor = (vmId: string): ScheduleRecord | undefined => {
    const id = vmId.toLowerCase();
    for (const s of schedules.values()) if (s.targetResourceId.toLowerCase() === id) return s;
    return undefined;
  };

  /** The first occurrence whose time is still to come at `now`. */
  const nextOccurrence = (s: ScheduleRecord, now: number): Occurrence => {
    const { iana } = zoneOf(s.timeZoneId)!;
    const minute = Number(s.time.slice(0, 2)) * 60 + Number(s.time.slice(2));
    const today = localClock(now, iana).date;
    let date = addDays(today, -1);
    let shutdownAt = zonedInstant(date, minute, iana);
    while (shutdownAt <= now) {
      date = addDays(date, 1);
      shutdownAt = zonedInstant(date, minute, iana);
    }
    const notifyAt = shutdownAt - s.notificationSettings.timeInMinutes * 60_000;
    return {
      scheduleId: s.id,
      date,
      notifyAt,
      shutdownAt,
      skipped: false,
      delayMinutes: 0,
      // Made inside the notice window (the schedule was just saved): no late notification.
      notified: now >= notifyAt,
      ran: false,
    };
  };

  /** The schedule's current occurrence: the one made last, until it has run (or was skipped) and its time passed. */
  const occurrenceOf = (s: ScheduleRecord, now: number): Occurrence => {
    const current = occurrences.get(s.id);
    if (current && !((current.ran || current.skipped) && now >= current.shutdownAt)) return current;
    const fresh = nextOccurrence(s, now);
    occurrences.set(s.id, fresh);
    return fresh;
  };

  /** `HH:mm` of the occurrence's shutdown in the schedule's zone. */
  const shutdownTime = (s: ScheduleRecord, o: Occurrence) =>
    hhmm(localClock(o.shutdownAt, zoneOf(s.timeZoneId)!.iana).minute);

  /**
   * The links of an occurrence's notification: the same while its shutdown time stays (a notification sent again is
   * the same notification), new ones after a delay moved it. One live token per schedule.
   */
  const linkFor = (s: ScheduleRecord, o: Occurrence): string => {
    if (o.link && o.link.at === o.shutdownAt && links.get(o.link.token) === s.id) return o.link.token;
    dropLinks(s.id);
    const token = randomBytes(18).toString('base64url');
    links.set(token, s.id);
    o.link = { token, at: o.shutdownAt };
    return token;
  };

  /** Runs the current occurrence's shutdown at `now` (the timer when it is due, the control API at once). */
  function runShutdown(s: ScheduleRecord, now: number): AutoShutdownRunResult {
    const base = { vmId: s.targetResourceId, scheduleId: s.id };
    if (s.status !== 'Enabled') return { ...base, shutDown: false, reason: 'disabled' };
    const o = occurrenceOf(s, now);
    if (o.skipped) return { ...base, shutDown: false, reason: 'skipped' };
    if (o.delayMinutes > 0 && now < o.shutdownAt)
      return { ...base, shutDown: false, reason: 'delayed', delayedUntil: shutdownTime(s, o) };
    o.ran = true;
    const vm = vmOf(s.targetResourceId);
    const result = vm
      ? beginPowerOperation(deps, vm, 'deallocate', { now, principalId: SCHEDULER_PRINCIPAL })
      : undefined;
    return { ...base, shutDown: result?.kind === 'accepted' };
  }

  async function sendNotification(s: ScheduleRecord, now: number) {
    const o = occurrenceOf(s, now);
    o.notified = true;
    const vm = vmOf(s.targetResourceId);
    const token = linkFor(s, o);
    const link = (path: string) => `${ctx.baseUrl}/_emulator/auto-shutdown/${path}`;
    const notification: Record<string, string> = {
      skipUrl: link(`skip?token=${token}`),
      delayUrl60: link(`delay?token=${token}&minutes=60`),
      delayUrl120: link(`delay?token=${token}&minutes=120`),
      vmName: vm?.name ?? s.targetResourceId.split('/').pop() ?? '',
      guid: s.uniqueIdentifier,
      owner: s.notificationSettings.emailRecipient ?? '',
      vmUrl: `https://portal.azure.com/#resource${s.targetResourceId}`,
      // As at `time − timeInMinutes`, when Azure sends it (the control API's "now" stands for that moment).
      minutesUntilShutdown: String(s.notificationSettings.timeInMinutes),
      eventType: 'Auto-shutdown',
      text: `Virtual machine '${vm?.name ?? ''}' is scheduled for shutdown in ${s.notificationSettings.timeInMinutes} minutes.`,
      subscriptionId: s.subscriptionId,
      resourceGroupName: s.resourceGroup,
      labName: '',
    };
    let webhookStatus = 0;
    const url = s.notificationSettings.status === 'Enabled' ? s.notificationSettings.webhookUrl : undefined;
    if (url) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(notification),
          signal: AbortSignal.timeout(10_000),
        });
        webhookStatus = response.status;
        await response.body?.cancel();
      } catch {
        webhookStatus = 0;
      }
    }
    return { vmId: s.targetResourceId, scheduleId: s.id, webhookStatus, notification };
  }

  const requireSchedule = (vmId: string) => {
    const s = typeof vmId === 'string' ? scheduleFor(vmId) : undefined;
    if (!s) throw new ArmError(404, 'ScheduleNotFound', `No auto-shutdown schedule targets '${vmId}'.`);
    return s;
  };

  /** What is due at `now`: each enabled schedule's notification at `notifyAt`, its shutdown at `shutdownAt`. */
  async function tick(now: number): Promise<void> {
    const sent: Array<Promise<unknown>> = [];
    for (const s of [...schedules.values()]) {
      if (s.status !== 'Enabled') continue;
      const o = occurrenceOf(s, now);
      if (
        !o.notified &&
        s.notificationSettings.status === 'Enabled' &&
        now >= o.notifyAt &&
        now < o.shutdownAt
      )
        sent.push(sendNotification(s, now));
      if (!o.ran && !o.skipped && now >= o.shutdownAt) runShutdown(s, now);
    }
    await Promise.all(sent);
  }

  const control: AutoShutdownControl = {
    notify: (vmId) => sendNotification(requireSchedule(vmId), ctx.now()),
    run: (vmId) => runShutdown(requireSchedule(vmId), ctx.now()),
    tick: () => tick(ctx.now()),
    respond(token, kind, minutes) {
      const id = links.get(token);
      const s = id ? schedules.get(id) : undefined;
      if (!s) throw new ArmError(404, 'NotFound', 'This link is no longer valid.');
      const o = occurrenceOf(s, ctx.now());
      if (kind === 'skip') o.skipped = true;
      else {
        o.delayMinutes += minutes;
        o.shutdownAt += minutes * 60_000;
      }
      return {
        vmId: s.targetResourceId,
        scheduleId: s.id,
        shutDown: false,
        reason: kind === 'skip' ? 'skipped' : 'delayed',
        ...(kind === 'delay' ? { delayedUntil: shutdownTime(s, o) } : {}),
      };
    },
  };
  ctx.autoShutdown = control;

  // Real time: every 20 s, whatever is due (each occurrence notifies and shuts down once).
  const timer = setInterval(() => {
    tick(ctx.now()).catch((error: unknown) => console.error('[emulator] auto-shutdown runner failed', error));
  }, 20_000);
  timer.unref();
  ctx.onClose(() => clearInterval(timer));

  return {
    /** `GET …/providers/Microsoft.DevTestLab/schedules/{name}` */
    get(call: ArmCall, a: Address): EmuResponse {
      resolveGroup(call, a, SCHEDULE_ACTIONS.read);
      const s = schedules.get(scheduleId(a));
      if (!s) throw notFound(a);
      return json(200, body(s));
    },

    /** `PUT …/schedules/{name}`: 201 created, 200 replaced. */
    async put(call: ArmCall, a: Address): Promise<EmuResponse> {
      resolveGroup(call, a, SCHEDULE_ACTIONS.write);
      const existing = schedules.get(scheduleId(a));
      const record = validate(a, await parseBody(call), existing);
      schedules.set(record.id, record);
      dropLinks(record.id);
      occurrences.set(record.id, nextOccurrence(record, call.now));
      return json(existing ? 200 : 201, body(record));
    },

    /** `DELETE …/schedules/{name}`: 200, or 204 when there was none. */
    delete(call: ArmCall, a: Address): EmuResponse {
      resolveGroup(call, a, SCHEDULE_ACTIONS.delete);
      const id = scheduleId(a);
      const existed = schedules.delete(id);
      occurrences.delete(id);
      dropLinks(id);
      return { status: existed ? 200 : 204 };
    },

    /** `GET /subscriptions/{id}[/resourceGroups/{rg}]/providers/Microsoft.DevTestLab/schedules`: what the caller may read. */
    list(call: ArmCall, subscriptionId: string, resourceGroup?: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      const rg =
        resourceGroup === undefined ? undefined : store.resourceGroup(sub.subscriptionId, resourceGroup);
      demandSomeAccess(
        deps,
        call.caller,
        SCHEDULE_ACTIONS.read,
        resourceGroup === undefined ? sub.id : (rg?.id ?? `${sub.id}/resourceGroups/${resourceGroup}`),
      );
      if (resourceGroup !== undefined && !rg) throw armErrors.resourceGroupNotFound(resourceGroup);
      const items = [...schedules.values()].filter(
        (s) =>
          sameId(s.subscriptionId, sub.subscriptionId) &&
          (rg === undefined || s.resourceGroup.toLowerCase() === rg.name.toLowerCase()) &&
          rbac.isPermitted(
            call.caller.oid,
            SCHEDULE_ACTIONS.read,
            `${sub.id}/resourceGroups/${s.resourceGroup}/providers/${TYPE}/${s.name}`,
          ),
      );
      const page = paginate(
        items,
        {
          url: call.req.url,
          rawPath: call.req.rawPath,
          baseUrl: ctx.baseUrl,
          pageSize: ctx.options.pageSize,
        },
        body,
      );
      return json(200, page);
    },
  };
}
