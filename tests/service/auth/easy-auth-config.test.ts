import { describe, expect, it } from '@jest/globals';
import { ConfigError, configFromEnv, parseEnv } from '../../../src/config/index.ts';

const TENANT = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';
const production = {
  TENANT_ID: TENANT,
  CLIENT_ID: '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c',
  CLIENT_SECRET: 'secret-value',
  MicrosoftAppId: '5a1c0b7e-0000-4000-8000-00000000b0b0',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT,
};

describe('EASY_AUTH', () => {
  it('true turns the token store header on; unset or false leaves it off', () => {
    expect(configFromEnv(parseEnv({ ...production, EASY_AUTH: 'true' })).easyAuth).toBe(true);
    expect(configFromEnv(parseEnv({ ...production, EASY_AUTH: 'false' })).easyAuth).toBeUndefined();
    expect(configFromEnv(parseEnv(production)).easyAuth).toBeUndefined();
    expect(configFromEnv(parseEnv({ ...production, EASY_AUTH: '' })).easyAuth).toBeUndefined();
  });

  it('anything else is a configuration error naming the setting (fail closed, no guessing)', () => {
    for (const value of ['yes', '1', 'TRUE ', 'on']) {
      let error: unknown;
      try {
        parseEnv({ ...production, EASY_AUTH: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).toContain('EASY_AUTH');
    }
  });
});
