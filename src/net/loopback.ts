/**
 * Loopback checks for local mode, where some endpoints are anonymous and must be reachable only
 * from this machine. Host names are compared exactly: `127.1`, `2130706433`, `0x7f.1` and
 * `user@127.0.0.1` are not accepted as loopback even though URL parsers may resolve them there.
 */

/** The host names local mode answers to (a `Host` header or a URL's authority). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

const LOOPBACK_AUTHORITY = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i;

/** A socket's remote address (already numeric, from the OS): 127.0.0.0/8, ::1, or IPv4-mapped 127/8. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.replace(/^::ffff:/i, '');
  return ip === '::1' || /^127(?:\.\d{1,3}){3}$/.test(ip);
}

/** An http(s) URL whose authority is exactly a loopback host (optionally with a port), no user info. */
export function isLoopbackUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const match = /^https?:\/\/([^/?#\\]*)(?:[/?#]|$)/i.exec(url);
  return match !== null && LOOPBACK_AUTHORITY.test(match[1] ?? '');
}

/**
 * A `Host` header naming this machine on `port` (DNS rebinding sends the attacker's host name):
 * `localhost:{port}`, `127.0.0.1:{port}` or `[::1]:{port}`; without a port only when `port` is 80.
 */
export function isLocalHostHeader(host: string | undefined, port: number | undefined): boolean {
  if (!host || port === undefined) return false;
  const match = LOOPBACK_AUTHORITY.exec(host.trim());
  if (!match) return false;
  const given = match[1] === undefined ? 80 : Number(match[1]);
  return given === port;
}
