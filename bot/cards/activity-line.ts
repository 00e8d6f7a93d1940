import type { Operation } from '../../contract/operation.ts';
import { escapeMarkdown } from './markdown.ts';
import { ACTION_WORDING } from './wording.ts';

/**
 * "Bob Jones stopped web-02 · 10:02": the one public line a group chat or channel gets when someone acts from a
 * card shared there (each person's view of the card is their own; this line tells everyone what happened). The
 * time is the clicker's local time when Teams said which zone they are in, else UTC, marked so. Teams renders a
 * message's text as Markdown: names are data and escaped. Pure.
 */
export function activityLine(operation: Operation, options: { readonly timeZone?: string } = {}): string {
  const who = escapeMarkdown(operation.requestedBy.name || operation.requestedBy.upn || 'Someone');
  const vm = escapeMarkdown(operation.vmName);
  const wording = ACTION_WORDING[operation.action];
  const what =
    operation.status === 'Succeeded'
      ? `${who} ${wording.past} ${vm}`
      : `${who} couldn't ${wording.verb} ${vm}`;
  return `${what} · ${clock(operation.finishedAt ?? operation.startedAt, options.timeZone)}`;
}

/** "10:02" in `timeZone` (an IANA zone), or "10:02 UTC" when the zone is unknown or not one. */
function clock(iso: string, timeZone: string | undefined): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    }).format(at);
  if (timeZone) {
    try {
      return format(timeZone);
    } catch {
      // not an IANA zone: fall through to UTC
    }
  }
  return `${format('UTC')} UTC`;
}
