import { armTime, type AutoShutdown } from '../../contract/auto-shutdown.ts';
import { windowsTimeZone } from '../../contract/time-zones.ts';
import type { ArmShutdownSchedule } from '../azure/schedules.ts';

/** ARM's schedule → the contract's `AutoShutdown` (`1900` → `19:00`, the zone id in its canonical spelling). Pure. */
export function toAutoShutdown(schedule: ArmShutdownSchedule): AutoShutdown {
  return {
    enabled: schedule.enabled,
    time: armTime.fromHhmm(schedule.time) ?? schedule.time,
    timeZone: windowsTimeZone(schedule.timeZoneId)?.id ?? schedule.timeZoneId,
    notifyMinutesBefore: schedule.notification.enabled ? schedule.notification.timeInMinutes : null,
  };
}
