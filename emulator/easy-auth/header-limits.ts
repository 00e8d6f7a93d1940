import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Header sizes at the front door. The header section may hold up to HEADER_LIMIT bytes, as before; what goes over it
 * is answered here instead of by Node's bare 431. Node parses up to PARSER_LIMIT, so the request handler sees the
 * headers of an oversized request and can tell a token problem from any other: an oversized token header
 * (`Authorization`, any `X-MS-TOKEN-*`) is a token the front door will not accept, answered 401 `InvalidToken` in the
 * contract's error shape (`{ error: { code, message } }`, contract/errors.ts) like any unacceptable token; anything
 * else over the limit stays 431. Beyond PARSER_LIMIT Node refuses the request before any handler runs
 * (`clientError`): one header value that long can only be a token, so that is 401 too.
 */
export const HEADER_LIMIT = 64 * 1024;
export const PARSER_LIMIT = 1024 * 1024;

/** Headers that carry a token: the bearer token and App Service's token store headers. */
const isTokenHeader = (name: string) => /^(authorization|x-ms-token-[\w-]+)$/i.test(name);

/** Bytes of the header section as sent (`Name: value\r\n` each). */
function headerBytes(req: IncomingMessage): number {
  let total = 0;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    total += Buffer.byteLength(req.rawHeaders[i]!) + Buffer.byteLength(req.rawHeaders[i + 1]!) + 4;
  return total;
}

export type HeaderVerdict = 'ok' | 'oversizedToken' | 'tooLarge';

/**
 * Whether a request's headers fit. Over the limit: `oversizedToken` when a token header is what makes it so (the
 * request would fit without its token headers, or one token header alone is over half the limit), else `tooLarge`.
 */
export function checkHeaders(req: IncomingMessage): HeaderVerdict {
  const total = headerBytes(req);
  if (total <= HEADER_LIMIT) return 'ok';
  let tokens = 0;
  let largestToken = 0;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (!isTokenHeader(req.rawHeaders[i]!)) continue;
    const size = Buffer.byteLength(req.rawHeaders[i]!) + Buffer.byteLength(req.rawHeaders[i + 1]!) + 4;
    tokens += size;
    largestToken = Math.max(largestToken, size);
  }
  return total - tokens <= HEADER_LIMIT || largestToken > HEADER_LIMIT / 2 ? 'oversizedToken' : 'tooLarge';
}

export const TOKEN_TOO_LARGE = {
  error: { code: 'InvalidToken', message: 'The token is too large.' },
} as const;

/** WWW-Authenticate for a refused token (RFC 6750 `invalid_token`). */
export const TOKEN_TOO_LARGE_CHALLENGE =
  'Bearer realm="aad", error="invalid_token", error_description="The token is too large."';

function rawResponse(status: string, body?: unknown, extra = ''): string {
  const content = body === undefined ? '' : JSON.stringify(body);
  const type = body === undefined ? '' : 'Content-Type: application/json; charset=utf-8\r\n';
  return (
    `HTTP/1.1 ${status}\r\nConnection: close\r\nCache-Control: no-store\r\n${extra}${type}` +
    `Content-Length: ${Buffer.byteLength(content)}\r\n\r\n${content}`
  );
}

/**
 * Answers what Node refuses before the handler (`clientError`). A header section over PARSER_LIMIT: 401 as above
 * when the header Node was parsing is a token header, or one header value longer than
 * all the bytes at hand; otherwise Node's own answers
 * (431, 408, 400), never a dropped connection without a reply.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const packet = error.rawPacket?.toString('latin1') ?? '';
      const names = [...packet.matchAll(/(?:^|\r\n)([!#$%&'*+.^`|~\w-]+)[ \t]*:/g)].map((m) => m[1]!);
      // The header being parsed when the limit was hit is the last one that starts in these bytes, or, when none
      // starts in them, one that started in earlier bytes and is longer than all of them.
      const last = names.at(-1);
      const token = last === undefined ? !packet.includes('\r\n') : isTokenHeader(last);
      socket.end(
        token
          ? rawResponse(
              '401 Unauthorized',
              TOKEN_TOO_LARGE,
              `WWW-Authenticate: ${TOKEN_TOO_LARGE_CHALLENGE}\r\n`,
            )
          : rawResponse('431 Request Header Fields Too Large'),
      );
      return;
    }
    socket.end(
      rawResponse(error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'),
    );
  });
}
