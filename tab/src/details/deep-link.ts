/**
 * The details panel is deep-linkable: `?vm={ARM id}` in the tab's URL opens it (a link pasted in a chat, a reload).
 * Pure helpers over a URL's search string; the page keeps the address bar in step with `history.replaceState`, so
 * opening panels does not pile up history entries.
 */
export const VM_PARAM = 'vm';

/** The VM id a search string names, if any. */
export function vmFromSearch(search: string): string | undefined {
  const id = new URLSearchParams(search).get(VM_PARAM);
  return id && id.startsWith('/subscriptions/') ? id : undefined;
}

/** `search` with `?vm=` set to `vmId`, or removed (undefined). Other parameters (e.g. `theme`) are kept. */
export function searchWithVm(search: string, vmId: string | undefined): string {
  const params = new URLSearchParams(search);
  if (vmId === undefined) params.delete(VM_PARAM);
  else params.set(VM_PARAM, vmId);
  const next = params.toString();
  return next ? `?${next}` : '';
}
