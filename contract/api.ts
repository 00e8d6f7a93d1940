import type { VmAction, VmRef } from './vm.ts';

/** Largest bulk request (`POST /api/vms/actions` `ids`). */
export const MAX_BULK_IDS = 50;

/** `GET /api/me`. */
export interface Me {
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
  readonly tid: string;
}

/** `POST /api/vms/actions` body. */
export interface BulkRequest {
  readonly action: VmAction;
  /** ARM VM ids, at most {@link MAX_BULK_IDS}. */
  readonly ids: readonly string[];
}

/**
 * Behind App Service authentication the API is called with the session cookie, not a bearer token: every such
 * request from the tab carries this header (a simple cross-site form or image cannot set it, and a cross-site
 * fetch that sets it needs a CORS preflight the service refuses). Changes without it → 403 `CsrfRejected`.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'XMLHttpRequest';

const segment = encodeURIComponent;

/** The service's paths, for clients (the tab) and for the routes' documentation. */
export const apiPaths = {
  me: '/api/me',
  vms: '/api/vms',
  bulk: '/api/vms/actions',
  clientConfig: '/client-config.json',
  vm: (ref: VmRef) =>
    `/api/vms/${segment(ref.subscriptionId)}/${segment(ref.resourceGroup)}/${segment(ref.name)}`,
  action: (ref: VmRef, action: VmAction) => `${apiPaths.vm(ref)}/${segment(action)}`,
  /** GET: `VmDetails` (network interfaces and public IPs as the user may read them). */
  vmDetails: (ref: VmRef) => `${apiPaths.vm(ref)}/details`,
  operation: (id: string) => `/api/operations/${segment(id)}`,
  /** GET / PUT (`AutoShutdown`) / DELETE: the VM's daily auto-shutdown. */
  autoShutdown: (ref: VmRef) => `${apiPaths.vm(ref)}/auto-shutdown`,
  /** POST: Azure's shutdown notification for the schedule whose token this is (the schedule's webhook). */
  autoShutdownNotification: (token: string) => `/api/notifications/auto-shutdown/${segment(token)}`,
} as const;

/**
 * `GET /client-config.json`: what the tab needs to know about its app registration, served
 * without authentication. Every endpoint comes from here: local mode is configuration, not a code path.
 */
export interface ClientConfig {
  /** The app registration's client id. */
  readonly clientId: string;
  readonly tenantId: string;
  /** `${authorityHost}/${tenantId}`; the authorize and token endpoints are `${authority}/oauth2/v2.0/…`. */
  readonly authority: string;
  /** Application ID URI, `api://{domain}/botid-{clientId}`. */
  readonly identifierUri: string;
  /** Scopes of the app's own API, `[${identifierUri}/access_as_user]`. */
  readonly scopes: readonly string[];
  /** True when the service runs against the local emulator: enables the browser sign-in. */
  readonly localMode: boolean;
  readonly emulatorUrl?: string;
  readonly teamsClientId?: string;
}
