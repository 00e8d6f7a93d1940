import { z } from 'zod';
import { vmCard } from '../../cards/vm-card.ts';
import { vmPreview, THUMBNAIL_CARD_CONTENT_TYPE } from '../../cards/vm-preview.ts';
import { filterVms } from '../../commands/filter.ts';
import { sortVms } from '../../commands/resolve.ts';
import type { Vm } from '../../../contract/vm.ts';
import { describeError } from '../error-text.ts';
import type { InvokeResult, TurnInfo } from '../turn.ts';
import {
  authenticateCompose,
  composeAuthentication,
  signInAnswer,
  type ComposeDeps,
} from './compose-auth.ts';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  composeError,
  composeMessage,
  composeResults,
  type ComposeAttachment,
} from './responses.ts';

/** The search command in the manifest's `composeExtensions`. */
export const SEARCH_VMS_COMMAND = 'searchVms';
/** Its one parameter (`parameters[].name`). */
export const SEARCH_QUERY_PARAMETER = 'searchQuery';
/** Longer queries are cut to this many characters (no VM name, group or subscription is longer to search for). */
export const MAX_SEARCH_QUERY = 100;
/** Results per page (Teams shows up to 25). */
export const MAX_RESULTS = 25;
const MAX_SKIP = 1_000;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

const queryValue = z.object({
  commandId: z.string().max(200),
  parameters: z
    .array(z.object({ name: z.string().max(200), value: z.unknown().optional() }).passthrough())
    .max(20)
    .optional(),
  queryOptions: z
    .object({ skip: z.number().int().optional(), count: z.number().int().optional() })
    .passthrough()
    .optional(),
  authentication: composeAuthentication,
});

export type SearchDeps = ComposeDeps;

/**
 * `composeExtension/query` for `searchVms`: the user's VMs (as the user, through the same OBO path, VM service and
 * budgets as every front door) matching the text by name, resource group, subscription or state, each as the bot's
 * VM card to insert. Malformed queries and unknown commands → 400 in the contract's shape.
 */
export async function searchVms(deps: SearchDeps, info: TurnInfo, value: unknown): Promise<InvokeResult> {
  const parsed = queryValue.safeParse(value);
  if (!parsed.success) return composeError(400, 'BadRequest', 'The search request is malformed.');
  const { commandId, parameters = [], queryOptions = {}, authentication } = parsed.data;
  if (commandId !== SEARCH_VMS_COMMAND)
    return composeError(400, 'BadRequest', 'This app has no such message extension command.');

  const auth = await authenticateCompose(deps, info, authentication?.token);
  if (!auth.ok) return auth.answer;

  const text = searchText(parameters);
  const skip = clamp(queryOptions.skip ?? 0, 0, MAX_SKIP);
  const count = clamp(queryOptions.count ?? MAX_RESULTS, 1, MAX_RESULTS);
  try {
    const list = await deps.vms.list(auth.user);
    const matching = sortVms(filterVms(list.vms, text)).slice(skip, skip + count);
    return composeResults(matching.map((vm) => vmAttachment(vm, auth.user.tid)));
  } catch (error) {
    const signIn = signInAnswer(deps, error);
    if (signIn) return signIn;
    deps.logger.warn({ oid: auth.user.oid, err: error }, 'bot.compose.search_failed');
    const described = describeError(error, 'search your VMs');
    return composeMessage(`${described.title}. ${described.message}`);
  }
}

/** What to search for: the `searchQuery` parameter (absent on `initialRun`: everything), capped. */
export function searchText(
  parameters: readonly { readonly name: string; readonly value?: unknown }[],
): string {
  const param = parameters.find((p) => p.name === SEARCH_QUERY_PARAMETER);
  const raw = typeof param?.value === 'string' ? param.value : '';
  // Control characters are no part of a VM, group or subscription name.
  return raw.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, MAX_SEARCH_QUERY).trim();
}

/** One VM to insert: the bot's VM card (its Action.Execute buttons work for whoever clicks) and its preview. */
export function vmAttachment(vm: Vm, tenantId: string): ComposeAttachment {
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: vmCard({ vm, tenantId }),
    preview: { contentType: THUMBNAIL_CARD_CONTENT_TYPE, content: vmPreview(vm) },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
