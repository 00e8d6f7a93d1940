import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { jest } from '@jest/globals';
import { render } from '@testing-library/react';
import { createApiClient } from '../../../tab/src/api/client.ts';
import type { AuthAdapter } from '../../../tab/src/app/auth-adapter.ts';
import { VmPage } from '../../../tab/src/app/VmPage.tsx';
import type { FakeService } from './fake-service.ts';

/** Renders the real page over the fake service, with fast polling. */
export function renderPage(
  service: FakeService,
  options: { consent?: () => Promise<void>; refreshMs?: number } = {},
) {
  const tokens = { getToken: jest.fn(async () => 'header.payload.signature') };
  const consent = jest.fn(options.consent ?? (async () => undefined));
  const signOut = jest.fn();
  const auth: AuthAdapter = { kind: 'local', tokens, consent, signOut };
  const api = createApiClient({ tokens, fetch: service.fetch });
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <VmPage api={api} auth={auth} pollMs={25} refreshMs={options.refreshMs ?? 60_000} />
    </FluentProvider>,
  );
  return { ...view, auth, consent, signOut, tokens };
}
