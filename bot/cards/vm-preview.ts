import { POWER_STATE_WORDING } from '../../contract/power.ts';
import type { Vm } from '../../contract/vm.ts';

export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** A Bot Framework thumbnail card: the one-line preview of a result in the compose box's list. */
export interface ThumbnailCard {
  readonly title: string;
  readonly subtitle?: string;
  readonly text?: string;
}

/**
 * The compose box's preview of a VM: its name, state, and where it lives. Thumbnail card text is rendered with
 * Teams' HTML subset, so every value (Azure's data) is HTML-escaped. Pure.
 */
export function vmPreview(vm: Vm): ThumbnailCard {
  const where = [vm.resourceGroup, vm.subscriptionName].filter(Boolean).join(' · ');
  return {
    title: escapeHtml(vm.name),
    subtitle: escapeHtml(POWER_STATE_WORDING[vm.powerState].label),
    text: escapeHtml(where),
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text shown literally in an HTML-rendering card field. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
