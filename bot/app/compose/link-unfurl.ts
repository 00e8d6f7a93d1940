import { z } from 'zod';
import type { InvokeResult, TurnInfo } from '../turn.ts';
import {
  authenticateCompose,
  composeAuthentication,
  signInAnswer,
  type ComposeDeps,
} from './compose-auth.ts';
import { vmAttachment } from './message-extension.ts';
import { parsePortalVmLink } from './portal-link.ts';
import { composeError, composeResults, noResults } from './responses.ts';

const queryLinkValue = z.object({
  // Anything that is not a portal link to a VM (not a string, too long, malformed) unfurls into nothing.
  url: z.unknown().optional(),
  authentication: composeAuthentication,
});

export type UnfurlDeps = ComposeDeps;

/**
 * `composeExtension/queryLink` (the manifest's `messageHandlers` for portal.azure.com): a portal link to a VM
 * unfurls into that VM's live card, read as the person who pasted it. Anything that is not a portal link to a VM,
 * or a VM they cannot read, unfurls into nothing: never an error card in someone else's chat.
 */
export async function unfurlLink(deps: UnfurlDeps, info: TurnInfo, value: unknown): Promise<InvokeResult> {
  const parsed = queryLinkValue.safeParse(value);
  if (!parsed.success) return composeError(400, 'BadRequest', 'The link unfurling request is malformed.');
  const link = parsePortalVmLink(parsed.data.url);
  // Not ours to unfurl: no sign-in prompt for a link the app would show nothing for.
  if (!link) return noResults();

  const auth = await authenticateCompose(deps, info, parsed.data.authentication?.token);
  if (!auth.ok) return auth.answer;
  try {
    const vm = await deps.vms.get(auth.user, link.ref);
    return composeResults([vmAttachment(vm, auth.user.tid)]);
  } catch (error) {
    const signIn = signInAnswer(deps, error);
    if (signIn) return signIn;
    deps.logger.info({ oid: auth.user.oid, err: error }, 'bot.unfurl.unreadable');
    return noResults();
  }
}
