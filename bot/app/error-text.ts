import { categoryOf } from '../../contract/errors.ts';
import { isAppError, type AppError } from '../../src/domain/errors.ts';
import type { ErrorCardInput } from '../cards/message-cards.ts';

/**
 * Turns a failure into words for the person in the chat. `doing` names the attempt
 * ("start web-01"). Unknown failures are never shown verbatim (no internals leak into chats).
 */
export function describeError(error: unknown, doing?: string): ErrorCardInput {
  const described = describe(error, doing);
  // Azure's own code when it gave one (OperationNotAllowed, not Conflict): that is what admins search for.
  const armCode = isAppError(error) ? error.details?.armCode : undefined;
  return armCode ? { ...described, code: armCode } : described;
}

function describe(error: unknown, doing?: string): ErrorCardInput {
  const what = doing ? ` ${doing}` : '';
  if (!isAppError(error)) {
    return {
      title: 'Something went wrong',
      message: 'The bot hit an unexpected error. Try again; if it keeps happening, tell your admin.',
      code: 'InternalError',
    };
  }
  switch (error.code) {
    case 'AuthorizationFailed':
      return {
        title: `You don't have permission to${what || ' do that'}`,
        message: `Your Azure role doesn't allow it. Azure said: ${error.message}`,
        code: error.code,
      };
    case 'NotFound':
      return {
        title: 'VM not found',
        message: `The VM doesn't exist any more, or your Azure access no longer includes it.`,
        code: error.code,
      };
    case 'Conflict':
    case 'OperationFailed':
      return {
        title: `Azure refused to${what || ' do that'}`,
        message: `Azure said: ${error.message}`,
        code: error.code,
      };
    case 'TooManyRequests':
      // The service's own per-user budget (shared with the tab), not Azure's throttling.
      if (error.details?.limit !== undefined) {
        return {
          title:
            error.details.limit === 'actions' ? 'Too many VM actions at once' : 'Too many requests at once',
          message: `You've reached the limit for now${error.retryAfter ? `; try again in ${error.retryAfter} s` : '; try again shortly'}. Nothing was changed.`,
          code: error.code,
        };
      }
      return {
        title: 'Azure is busy',
        message: `Azure is throttling requests${error.retryAfter ? `; try again in ${error.retryAfter} s` : '; try again shortly'}.`,
        code: error.code,
      };
    case 'AzureTimeout':
      return {
        title: 'Azure is slow to answer',
        message: `Azure didn't answer in time${what ? ` to${what}` : ''}. Try again in a moment.`,
        code: error.code,
      };
    case 'AzureUnavailable':
      return {
        title: 'Azure is unavailable',
        message: 'Azure did not answer. Try again in a moment.',
        code: error.code,
      };
    case 'EntraUnavailable':
    case 'EntraError':
      return {
        title: 'Sign-in problem',
        message: 'Microsoft Entra ID could not issue a token for you. Try again in a moment.',
        code: error.code,
      };
    case 'BadRequest':
      return { title: `Couldn't${what || ' do that'}`, message: error.message, code: error.code };
    default:
      return {
        title: serverSide(error) ? 'Something went wrong' : `Couldn't${what || ' do that'}`,
        message: serverSide(error) ? 'The service hit an error. Try again in a moment.' : error.message,
        code: error.code,
      };
  }
}

/** Failures on our side or upstream: their message is not for the chat. */
function serverSide(error: AppError): boolean {
  const category = categoryOf(error.code);
  return category === 'internal' || category === 'unavailable';
}

/** Errors that mean "the stored sign-in is no good": forget it and ask Teams for a fresh token. */
export function needsSignIn(error: unknown): boolean {
  return isAppError(error) && (error.code === 'InvalidToken' || error.code === 'ConsentRequired');
}
