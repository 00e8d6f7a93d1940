import type { EmulatorContext } from '../context.ts';
import { corsHeaders, preflight, type CorsPolicy } from '../entra/cors.ts';
import { json } from '../http/respond.ts';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.ts';
import { autoShutdownRequestSchema, notifyNow, respondLink, runNow } from './auto-shutdown.ts';
import { readBody } from './body.ts';
import { emulatorConfig } from './config.ts';
import { consentRequestSchema, setConsent } from './consent.ts';
import { ControlError, controlErrorResponse } from './errors.ts';
import { applyFaults, faultsBodySchema, faultsSnapshot } from './faults.ts';
import { mintToken, tokenRequestSchema } from './token.ts';

/**
 * `/_emulator/*`: the control API for tests and local development (never part of Azure's surface).
 *
 * | route | body | answer |
 * |---|---|---|
 * | `GET config` | | endpoints, tenant, app registration, users, Teams client id, managed identity |
 * | `POST token` | `{user, audience?, expiresInSeconds?, notBeforeSeconds?, tenant?, scp?}` or `{managedIdentity, audience?, …}` | `{access_token, token_type, expires_in}` |
 * | `GET stats` | | counters (`ctx.stats`): `{token: {obo, authorization_code, client_credentials, refresh_token}, jwks, discovery, arm: {read, write, throttled}, prices}` |
 * | `GET`/`POST faults` | `{target, status?, count?, latencyMs?, retryAfterSeconds?}` and/or `{throttling}` and/or `{operationFailure}`, or keyed by area: `{entra?: {status?, count?, latencyMs?, retryAfterSeconds?}, arm?: {…}}` | fault state |
 * | `POST reset` | | restores seed state (consents, counters, faults, ARM state), `{reset: true}` |
 * | `POST consent` | `{user, consented}` | `{user, oid, consented}` |
 * | `POST auto-shutdown/notify` | `{vmId}` | posts the VM's schedule notification to its webhook now: `{vmId, scheduleId, webhookStatus, notification}` |
 * | `POST auto-shutdown/run` | `{vmId}` | runs its shutdown now, honouring skip/delay: `{vmId, scheduleId, shutDown, reason?, delayedUntil?}` |
 * | `GET`/`POST auto-shutdown/skip?token=` · `auto-shutdown/delay?token=&minutes=60\|120` | | a notification's skip / delay links |
 *
 * Bodies are validated strictly (unknown fields → 400). Errors: `{error:{code, message}}`.
 * CORS: loopback origins (the local dev chat page mints SSO tokens from the browser).
 */

const CONTROL_CORS: CorsPolicy = { allow: 'local', methods: ['GET', 'POST', 'OPTIONS'] };

type Endpoint = (req: EmuRequest) => Promise<unknown>;

export function createControlHandler(ctx: EmulatorContext, reset: () => void): Handler {
  const routes: Record<string, Partial<Record<'GET' | 'POST', Endpoint>>> = {
    config: { GET: async () => emulatorConfig(ctx) },
    token: { POST: async (req) => mintToken(ctx, await readBody(req, tokenRequestSchema)) },
    stats: { GET: async () => structuredClone(ctx.stats) },
    faults: {
      GET: async () => faultsSnapshot(ctx),
      POST: async (req) => {
        for (const request of await readBody(req, faultsBodySchema)) applyFaults(ctx, request);
        return faultsSnapshot(ctx);
      },
    },
    reset: {
      POST: async () => {
        reset();
        return { reset: true };
      },
    },
    consent: { POST: async (req) => setConsent(ctx, await readBody(req, consentRequestSchema)) },
    'auto-shutdown/notify': {
      POST: async (req) => notifyNow(ctx, (await readBody(req, autoShutdownRequestSchema)).vmId),
    },
    'auto-shutdown/run': {
      POST: async (req) => runNow(ctx, (await readBody(req, autoShutdownRequestSchema)).vmId),
    },
    'auto-shutdown/skip': {
      GET: async (req) => respondLink(ctx, req, 'skip'),
      POST: async (req) => respondLink(ctx, req, 'skip'),
    },
    'auto-shutdown/delay': {
      GET: async (req) => respondLink(ctx, req, 'delay'),
      POST: async (req) => respondLink(ctx, req, 'delay'),
    },
  };

  return async (req): Promise<EmuResponse> => {
    if (req.method === 'OPTIONS') return preflight(req, CONTROL_CORS);
    const cors = corsHeaders(req, CONTROL_CORS);
    const name = req.rawPath
      .replace(/^\/_emulator\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
    try {
      const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
      if (!route) throw new ControlError(404, 'NotFound', `No control endpoint '${req.rawPath}'.`);
      const endpoint = req.method === 'GET' || req.method === 'POST' ? route[req.method] : undefined;
      if (!endpoint) {
        const allow = Object.keys(route).join(', ');
        throw new ControlError(405, 'MethodNotAllowed', `${req.rawPath} accepts ${allow}.`, { allow });
      }
      return json(200, await endpoint(req), { 'cache-control': 'no-store', ...cors });
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      const response = controlErrorResponse(error);
      return { ...response, headers: { ...response.headers, ...cors } };
    }
  };
}
