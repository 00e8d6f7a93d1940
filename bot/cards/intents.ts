import { z } from 'zod';
import { VM_ACTIONS, type VmAction } from '../../contract/vm.ts';
import { parseVmId } from '../../contract/vm-id.ts';
import {
  AUTO_SHUTDOWN_RESPONSES,
  TIME_OF_DAY,
  type AutoShutdownResponse,
} from '../../contract/auto-shutdown.ts';
import type { ActionMode, ActionStyle, ExecuteAction } from './adaptive.ts';

/**
 * What a card button asks the bot to do. The verb travels as `Action.Execute.verb`, the rest as its
 * `data`; the `Action.Submit` fallback carries both in `data` (older clients send it as a message
 * whose `value` holds the data). Nothing here identifies who posted the card: the bot always acts as
 * the person who clicked.
 */
export type CardIntent =
  | { readonly verb: 'vm.list'; readonly page?: number; readonly filter?: string }
  | { readonly verb: 'vm.show'; readonly vmId: string }
  | { readonly verb: 'vm.confirm'; readonly vmId: string; readonly action: VmAction }
  | { readonly verb: 'vm.act'; readonly vmId: string; readonly action: VmAction }
  /** How to connect to the VM (ssh line, Remote Desktop note), as the tab's details panel shows it. */
  | { readonly verb: 'vm.connect'; readonly vmId: string }
  | { readonly verb: 'bot.help' }
  /** Group chats and channels: the Universal Actions sign-in, then the request the user made before. */
  | { readonly verb: 'bot.signIn' }
  /** The VM's auto-shutdown card. */
  | { readonly verb: 'autoshutdown.show'; readonly vmId: string }
  /** Set the daily shutdown at `time` (`HH:mm`, from the card's time input), or turn it `off`. */
  | {
      readonly verb: 'autoshutdown.set';
      readonly vmId: string;
      readonly time?: string;
      readonly off?: boolean;
    }
  /** A button on the card before a shutdown (`notice` names the stored notification). */
  | {
      readonly verb: 'autoshutdown.respond';
      readonly notice: string;
      readonly response: AutoShutdownResponse;
    };

export type CardVerb = CardIntent['verb'];

/** Longest filter text a card carries (input is cut, never rejected). */
export const MAX_FILTER_LENGTH = 100;
/** Highest page index a card may ask for; beyond the last page the bot shows the last one. */
const MAX_PAGE = 100_000;
/**
 * A VM's ARM id, checked by the same validator as the HTTP API's paths (src/vms/vm-id.ts): a card's
 * data comes from a client and is not trusted to name a VM the way Azure does.
 */
const vmId = z.string().refine((id) => parseVmId(id) !== undefined, 'must be a VM id');
const action = z.enum(VM_ACTIONS);
const schemas = {
  'vm.list': z.object({
    page: z.coerce.number().int().min(0).max(MAX_PAGE).optional().catch(undefined),
    filter: z
      .string()
      .optional()
      .transform((value) => value?.trim().slice(0, MAX_FILTER_LENGTH) || undefined),
  }),
  'vm.show': z.object({ vmId }),
  'vm.confirm': z.object({ vmId, action }),
  'vm.act': z.object({ vmId, action }),
  'vm.connect': z.object({ vmId }),
  'bot.help': z.object({}),
  'bot.signIn': z.object({}),
  'autoshutdown.show': z.object({ vmId }),
  'autoshutdown.set': z.object({
    vmId,
    // From the card's Input.Time: `HH:mm` (some clients add seconds, which are dropped).
    time: z
      .string()
      .transform((v) => v.trim().slice(0, 5))
      .pipe(z.string().regex(TIME_OF_DAY))
      .optional(),
    off: z.boolean().optional(),
  }),
  'autoshutdown.respond': z.object({
    notice: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    response: z.enum(AUTO_SHUTDOWN_RESPONSES),
  }),
} as const;

export type IntentParseResult =
  | { readonly ok: true; readonly intent: CardIntent }
  | { readonly ok: false; readonly reason: 'unknownVerb' | 'invalidData' };

/** Parses a verb and its data from an invoke or an `Action.Submit` message; never throws. */
export function parseIntent(verb: unknown, data: unknown): IntentParseResult {
  if (typeof verb !== 'string' || !Object.hasOwn(schemas, verb)) return { ok: false, reason: 'unknownVerb' };
  const key = verb as CardVerb;
  const parsed = schemas[key].safeParse(data ?? {});
  if (!parsed.success) return { ok: false, reason: 'invalidData' };
  return { ok: true, intent: stripUndefined({ verb: key, ...parsed.data }) as CardIntent };
}

/** True when a message `value` looks like one of our `Action.Submit` fallbacks. */
export function isSubmitPayload(
  value: unknown,
): value is { readonly verb: string } & Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string'
  );
}

export interface ExecuteOptions {
  readonly style?: ActionStyle;
  /** `auto` sends the card's inputs along (the list filter); default `none`. */
  readonly inputs?: 'auto' | 'none';
  readonly tooltip?: string;
  /** `secondary`: in the card's overflow menu. */
  readonly mode?: ActionMode;
}

/** An `Action.Execute` for an intent, with the `Action.Submit` fallback Teams asks for. */
export function execute(title: string, intent: CardIntent, options: ExecuteOptions = {}): ExecuteAction {
  const { verb, ...rest } = intent;
  const data = stripUndefined(rest);
  const associatedInputs = options.inputs ?? 'none';
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    associatedInputs,
    ...(options.style ? { style: options.style } : {}),
    ...(options.tooltip ? { tooltip: options.tooltip } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    fallback: {
      type: 'Action.Submit',
      title,
      data: { verb, ...data },
      associatedInputs,
      ...(options.style ? { style: options.style } : {}),
    },
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
