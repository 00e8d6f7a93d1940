import type { FetchLike } from '../net/https-fetch.ts';

/** Entra's signing keys could not be fetched (network, timeout, non-200, not JSON). */
export class JwksUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwksUnavailableError';
  }
}

/**
 * The fetch given to jose for the JWKS: every way of not getting a key set becomes a
 * {@link JwksUnavailableError}, so the validator tells "Entra's keys are unreachable" (503) from
 * "the token is bad" (401) by type, never by an error message, and any other error is a bug.
 */
export function jwksFetch(base: FetchLike): FetchLike {
  return async (url, init) => {
    let response: Response;
    try {
      response = await base(url, init);
    } catch (error) {
      throw new JwksUnavailableError('The Entra ID signing keys could not be fetched.', { cause: error });
    }
    if (response.status !== 200) {
      throw new JwksUnavailableError(`The Entra ID signing keys answered HTTP ${response.status}.`);
    }
    let text: string;
    try {
      text = await response.text();
      JSON.parse(text);
    } catch (error) {
      throw new JwksUnavailableError('The Entra ID signing keys are not JSON.', { cause: error });
    }
    return new Response(text, { status: 200, headers: response.headers });
  };
}
