import type { Server as NodeServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { EASY_AUTH_TOKEN_HEADER } from '../auth/easy-auth.ts';
import { invalidToken } from '../auth/errors.ts';
import { toErrorResponse } from './errors.ts';

/** Headers that carry a user's token: an overflow caused by one of them is a token problem (401), not a crash. */
const TOKEN_HEADER = new RegExp(`(?:^|\\r\\n)(?:authorization|${EASY_AUTH_TOKEN_HEADER})\\s*:`, 'i');

/** The usual 401 answer (src/http/errors.ts), written straight to the socket. */
function tokenTooLarge(): string {
  const { status, headers, body } = toErrorResponse(invalidToken('The token is too large.'));
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return raw(`${status} Unauthorized`, JSON.stringify(body), extra);
}

function raw(status: string, body?: string, extra = ''): string {
  const content = body ?? '';
  return (
    `HTTP/1.1 ${status}\r\nConnection: close\r\n${extra}` +
    (body !== undefined ? `Content-Type: application/json; charset=utf-8\r\n` : '') +
    `Content-Length: ${Buffer.byteLength(content)}\r\n\r\n${content}`
  );
}

/**
 * Requests Node refuses before restify sees them. Node's default answers stay (400, 408, 431), except one: a
 * header section that overflows because of an oversized token (`Authorization`, the App Service token store's
 * `X-MS-TOKEN-AAD-ACCESS-TOKEN`) is answered 401 InvalidToken in the contract's shape, like any unacceptable token.
 */
export function answerClientErrors(server: NodeServer): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    let response: string;
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      const head = error.rawPacket?.subarray(0, 64 * 1024).toString('latin1') ?? '';
      response = TOKEN_HEADER.test(head) ? tokenTooLarge() : raw('431 Request Header Fields Too Large');
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      response = raw('408 Request Timeout');
    } else {
      response = raw('400 Bad Request');
    }
    socket.end(response);
  });
}
