/**
 * Raw request-target checks, before any decoding or routing. Rejects what could smuggle a path
 * past the router or into an ARM URL: encoded slashes or backslashes, any encoded dot, dot
 * segments, backslashes, empty segments, control characters and malformed percent-escapes.
 * Returns a reason, or undefined when the target is acceptable.
 */
export function unsafePathReason(rawUrl: string): string | undefined {
  const path = rawUrl.split('?')[0] ?? '';
  if (!path.startsWith('/')) return 'The path must start with /.';
  if (path.length > 2048) return 'The path is too long.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'The path contains control characters.';
  if (path.includes('\\')) return 'The path contains a backslash.';
  if (/%(?![0-9a-f]{2})/i.test(path)) return 'The path contains a malformed percent-escape.';
  if (/%(?:2f|5c|2e|00)/i.test(path)) return 'The path contains an encoded slash, backslash or dot.';
  if (path !== '/' && path.includes('//')) return 'The path contains an empty segment.';
  if (path.split('/').some((segment) => segment === '.' || segment === '..'))
    return 'The path contains a dot segment.';
  return undefined;
}
