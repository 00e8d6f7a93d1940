import type { Server as NodeServer } from 'node:http';
import type { Duplex } from 'node:stream';

/** Headers that carry a user's token: an overflow caused by one of them is a token problem (401), not a crash. */
const TOKEN_HEADER = /(?:^|\r\n)(?:authorization|x-ms-token-aad-access-token)\s*:/i;

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
      response = TOKEN_HEADER.test(head)
        ? raw(
            '401 Unauthorized',
            JSON.stringify({ error: { code: 'InvalidToken', message: 'The token is too large.' } }),
            'WWW-Authenticate: Bearer error="invalid_token", error_description="The token is too large."\r\n',
          )
        : raw('431 Request Header Fields Too Large');
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      response = raw('408 Request Timeout');
    } else {
      response = raw('400 Bad Request');
    }
    socket.end(response);
  });
}
