/**
 * "since 1 Dec, 10:02 (for 3 hours)": since when a VM has been in its power state, in the reader's locale and time
 * zone (Intl), with how long that is when it reads well. Pure: `now` and `locale` come in.
 */
export function sinceText(iso: string, now: number, locale?: string): string | undefined {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  const when = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(new Date(at).getFullYear() !== new Date(now).getFullYear() ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  const span = forText(now - at);
  return `since ${when}${span ? ` (${span})` : ''}`;
}

/**
 * "for 3 hours", "for 2 days", "for less than a minute" (in English, as the rest of the tab's words); nothing for a
 * time in the future (a skewed clock).
 */
export function forText(elapsedMs: number): string | undefined {
  if (elapsedMs < 0) return undefined;
  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) return 'for less than a minute';
  const unit = (value: number, name: string) => `for ${value} ${name}${value === 1 ? '' : 's'}`;
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}
