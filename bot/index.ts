import type { Server } from 'restify';
import type { Logger } from 'pino';
import type { OboExchanger, OperationService, TokenValidator, VmService } from '../src/domain/services.ts';

/** Settings the bot needs; built by the service's config module (src/config). */
export interface BotConfig {
  /** Bot Framework app id (`MicrosoftAppId`). Absent → anonymous local mode (as the Bot Framework Emulator uses). */
  readonly appId?: string;
  readonly appPassword?: string;
  /** `MultiTenant` | `SingleTenant` | `UserAssignedMSI`. */
  readonly appType?: string;
  readonly appTenantId?: string;
  /** SSO: the app registration's client id and identifier URI (`api://{domain}/botid-{botId}`). */
  readonly sso: { readonly clientId: string; readonly identifierUri: string; readonly tenantId: string };
  /** Public base URL of this service (for sign-in / consent pages and card links). */
  readonly publicUrl: string;
  /** True when running against the local emulator (enables /dev/chat). */
  readonly localMode: boolean;
  /** Emulator base URL in local mode. */
  readonly emulatorUrl?: string;
}

export interface BotDeps {
  readonly vms: VmService;
  readonly operations: OperationService;
  readonly tokens: TokenValidator;
  readonly obo: OboExchanger;
  readonly config: BotConfig;
  readonly logger: Logger;
}

export interface MountedBot {
  close(): Promise<void>;
}

/** Registers `POST /api/messages` (and, in local mode, `/dev/chat`) on the service's restify server. */
export function mountBot(_server: Server, _deps: BotDeps): MountedBot {
  // Placeholder until the bot lands (issue 4).
  return { close: async () => undefined };
}
