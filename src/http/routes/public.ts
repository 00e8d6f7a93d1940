import type { Server } from 'restify';
import { apiPaths, type ClientConfig } from '../../../contract/api.ts';
import type { ServiceConfig } from '../../config/settings.ts';
import { sendJson } from '../respond.ts';

/** What the tab needs to sign in: public, no secrets. */
export function clientConfig(config: ServiceConfig): ClientConfig {
  return {
    clientId: config.clientId,
    tenantId: config.tenantId,
    authority: `${config.authorityHost}/${config.tenantId}`,
    identifierUri: config.identifierUri,
    scopes: [`${config.identifierUri}/${config.scope}`],
    localMode: config.local !== undefined,
    ...(config.local ? { emulatorUrl: config.local.emulatorUrl } : {}),
    ...(config.local?.teamsClientId ? { teamsClientId: config.local.teamsClientId } : {}),
  };
}

/** `GET /api/health` and `GET /client-config.json`: no authentication. */
export function registerPublicRoutes(server: Server, config: ServiceConfig): void {
  const body = clientConfig(config);
  server.get('/api/health', async function health(_req, res) {
    sendJson(res, 200, { status: 'ok' });
  });
  server.get(apiPaths.clientConfig, async function clientConfigRoute(_req, res) {
    sendJson(res, 200, body, { 'cache-control': 'no-cache' });
  });
}
