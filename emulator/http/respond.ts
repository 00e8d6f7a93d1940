import type { EmuResponse } from './types.ts';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } };
}

export function redirect(location: string): EmuResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
