import type { ErrorCode } from '../../../contract/errors.ts';
import type { AdaptiveCard } from '../../cards/adaptive.ts';
import { THUMBNAIL_CARD_CONTENT_TYPE, type ThumbnailCard } from '../../cards/vm-preview.ts';
import type { InvokeResult } from '../turn.ts';

/**
 * Bodies of `composeExtension/query` and `composeExtension/queryLink` answers (search-based message extensions
 * and link unfurling), as Teams reads them: `{composeExtension: {type, …}}`.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface ComposeAttachment {
  readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  readonly content: AdaptiveCard;
  /** What the compose box's result list (or the unfurl preview) shows. */
  readonly preview: {
    readonly contentType: typeof THUMBNAIL_CARD_CONTENT_TYPE;
    readonly content: ThumbnailCard;
  };
}

export type ComposeExtensionResponse =
  | {
      readonly composeExtension: {
        readonly type: 'result';
        readonly attachmentLayout: 'list';
        readonly attachments: readonly ComposeAttachment[];
      };
    }
  | {
      readonly composeExtension: {
        /** `silentAuth`: Teams gets the user's SSO token and sends the query again with `authentication.token`. */
        readonly type: 'silentAuth' | 'auth';
        readonly suggestedActions: {
          readonly actions: readonly [
            { readonly type: 'openUrl'; readonly value: string; readonly title: string },
          ];
        };
      };
    }
  | { readonly composeExtension: { readonly type: 'message'; readonly text: string } };

export function composeResults(attachments: readonly ComposeAttachment[]): InvokeResult {
  return {
    status: 200,
    body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } },
  };
}

/** Nothing to insert or unfurl (an unreadable VM unfurls into nothing: no error card in someone else's chat). */
export const noResults = (): InvokeResult => composeResults([]);

/**
 * The documented SSO answer of message extensions and link unfurling: `silentAuth` (Teams then sends the same
 * query again with the user's SSO token), with the sign-in page for when silent SSO cannot happen.
 */
export function silentAuth(signInUrl: string): InvokeResult {
  return {
    status: 200,
    body: {
      composeExtension: {
        type: 'silentAuth',
        suggestedActions: { actions: [{ type: 'openUrl', value: signInUrl, title: 'Sign in' }] },
      },
    } satisfies ComposeExtensionResponse,
  };
}

/** A short sentence in the compose box's result pane (the searcher's own view, e.g. "Too many requests"). */
export function composeMessage(text: string): InvokeResult {
  return { status: 200, body: { composeExtension: { type: 'message', text } } };
}

/**
 * An invoke refused in the contract's error shape: 412 for a token that cannot be used (Teams shows the consent
 * prompt for `ConsentRequired`), 400 for a malformed request. Never 401: on `/api/messages` that means the Bot
 * Framework request itself was not authenticated.
 */
export function composeError(status: 400 | 412, code: ErrorCode, message: string): InvokeResult {
  return { status, body: { error: { code, message } } };
}
