import type { VmAction } from '../../contract/vm.ts';

/** A parsed chat message. `name` is what the user typed to identify a VM (`web-02`, `rg-web/web-02`). */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly filter?: string }
  | { readonly kind: 'status'; readonly name: string }
  | { readonly kind: 'act'; readonly action: VmAction; readonly name: string }
  /** `autoshutdown <vm> [HH:mm|off]`: show, set or turn off the VM's daily auto-shutdown. */
  | {
      readonly kind: 'autoShutdown';
      readonly name: string;
      readonly setting?: { readonly time: string } | { readonly off: true } | { readonly invalid: string };
    }
  | { readonly kind: 'missingName'; readonly command: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** Longest message text considered; the rest is ignored. */
export const MAX_COMMAND_LENGTH = 500;

const ACTIONS: Readonly<Record<string, VmAction>> = {
  start: 'start',
  stop: 'deallocate',
  deallocate: 'deallocate',
  poweroff: 'powerOff',
  'power-off': 'powerOff',
  restart: 'restart',
  reboot: 'restart',
};

/**
 * Parses what a user typed. Mentions (`<at>VM Manager</at>`) and HTML from the Teams client are
 * stripped first; command words are case-insensitive.
 */
export function parseCommand(raw: string): Command {
  const text = normalizeMessageText(raw);
  const [word = '', ...rest] = text.split(' ');
  const command = word.toLowerCase();
  const argument = rest.join(' ').trim();
  switch (command) {
    case '':
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'list':
    case 'ls':
      return argument ? { kind: 'list', filter: argument } : { kind: 'list' };
    case 'status':
    case 'show':
      return argument ? { kind: 'status', name: argument } : { kind: 'missingName', command };
    case 'autoshutdown':
    case 'auto-shutdown':
      return argument ? autoShutdownCommand(argument) : { kind: 'missingName', command: 'autoshutdown' };
    default: {
      const action = ACTIONS[command];
      if (!action) return { kind: 'unknown', text };
      return argument ? { kind: 'act', action, name: argument } : { kind: 'missingName', command };
    }
  }
}

/** `web-02 19:00` / `web-02 off` / `web-02`: the last word is the setting when it looks like one. */
function autoShutdownCommand(argument: string): Command {
  const words = argument.split(' ');
  const last = words.at(-1) ?? '';
  const name = words.slice(0, -1).join(' ');
  if (words.length > 1 && /^(off|none|disable)$/i.test(last))
    return { kind: 'autoShutdown', name, setting: { off: true } };
  if (words.length > 1 && /^\d{1,2}[:.h]?\d{2}$/.test(last)) {
    const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(last)!;
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    if (hours > 23 || minutes > 59) return { kind: 'autoShutdown', name, setting: { invalid: last } };
    const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
    return { kind: 'autoShutdown', name, setting: { time } };
  }
  return { kind: 'autoShutdown', name: argument };
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Removes `<at>…</at>` mentions and other markup Teams puts in message text, and collapses whitespace. */
export function normalizeMessageText(raw: string): string {
  return raw
    .slice(0, MAX_COMMAND_LENGTH * 4)
    .replace(/<at[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_COMMAND_LENGTH);
}
