import { armErrors } from './errors.ts';

/** One page of a list, ARM style: `{value, nextLink?}`. */
export interface ListPage<T> {
  readonly value: readonly T[];
  readonly nextLink?: string;
}

/** Opaque `$skiptoken`: base64url of `{"o":offset}`. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/** The offset a `$skiptoken` stands for; throws 400 `InvalidParameter` on a token this emulator did not issue. */
export function decodeSkipToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset = (parsed as { o?: unknown } | null)?.o;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw armErrors.invalidParameter(
    '$skiptoken',
    `The value '${token}' of parameter '$skiptoken' is invalid.`,
  );
}

/** The offset a request asks for (0 without `$skiptoken`). */
export function offsetOf(url: URL): number {
  const token = url.searchParams.get('$skiptoken');
  return token === null ? 0 : decodeSkipToken(token);
}

/**
 * Slices `items` at the request's `$skiptoken` and maps only that page with `toBody`. `nextLink` repeats the
 * request's URL (path and every other query parameter) with the next `$skiptoken`, on `baseUrl`.
 */
export function paginate<T, B>(
  items: readonly T[],
  request: {
    readonly url: URL;
    readonly rawPath: string;
    readonly baseUrl: string;
    readonly pageSize: number;
  },
  toBody: (item: T) => B,
): ListPage<B> {
  const offset = offsetOf(request.url);
  const end = offset + request.pageSize;
  const value = items.slice(offset, end).map(toBody);
  if (end >= items.length) return { value };
  const query = new URLSearchParams(request.url.searchParams);
  query.set('$skiptoken', encodeSkipToken(end));
  return { value, nextLink: `${request.baseUrl}${request.rawPath}?${query.toString()}` };
}
