import type { AdaptiveCard } from '../cards/adaptive.ts';
import type { OAuthCard } from '../cards/sign-in.ts';
import type { InvokeResult } from './turn.ts';

/**
 * Bodies of `adaptiveCard/action` answers (Universal Actions). The HTTP status of the invoke is 200;
 * the body's `statusCode` tells Teams what to do, as in Microsoft's Teams samples.
 */
export type CardActionResponse =
  | {
      readonly statusCode: 200;
      readonly type: 'application/vnd.microsoft.card.adaptive';
      readonly value: AdaptiveCard;
    }
  | {
      readonly statusCode: 200;
      readonly type: 'application/vnd.microsoft.activity.message';
      readonly value: string;
    }
  | {
      readonly statusCode: 401;
      readonly type: 'application/vnd.microsoft.activity.loginRequest';
      readonly value: OAuthCard;
    }
  | {
      readonly statusCode: 412;
      readonly type: 'application/vnd.microsoft.error.preconditionFailed';
      readonly value: { readonly code: string; readonly message: string };
    }
  | {
      readonly statusCode: 400 | 500;
      readonly type: 'application/vnd.microsoft.error';
      readonly value: { readonly code: string; readonly message: string };
    };

export function cardResponse(card: AdaptiveCard): InvokeResult {
  return ok({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
}

export function loginRequest(card: OAuthCard): InvokeResult {
  return ok({ statusCode: 401, type: 'application/vnd.microsoft.activity.loginRequest', value: card });
}

export function preconditionFailed(code: string, message: string): InvokeResult {
  return ok({
    statusCode: 412,
    type: 'application/vnd.microsoft.error.preconditionFailed',
    value: { code, message },
  });
}

export function badRequest(code: string, message: string): InvokeResult {
  return ok({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } });
}

function ok(body: CardActionResponse): InvokeResult {
  return { status: 200, body };
}

/** `signin/tokenExchange` answer body (200 success, 412 Teams falls back to sign-in/consent, 400 malformed). */
export function tokenExchangeResult(
  status: 200 | 400 | 412,
  exchange: { readonly id?: string; readonly connectionName?: string },
  failureDetail?: string,
): InvokeResult {
  return {
    status,
    body: {
      ...(exchange.id !== undefined ? { id: exchange.id } : {}),
      connectionName: exchange.connectionName ?? '',
      ...(failureDetail ? { failureDetail } : {}),
    },
  };
}
