import { describe, expect, it } from '@jest/globals';
import * as jose from 'jose';
import { OnBehalfOfCredential } from '@azure/identity';
import { CloudAdapter } from 'botbuilder';

describe('runtime', () => {
  it('runs on Node >= 22 (the Azure SDKs and restify 12 need it)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(22);
  });

  it('loads ESM-only jose together with the CJS Azure SDK and botbuilder', () => {
    expect(typeof jose.jwtVerify).toBe('function');
    expect(typeof OnBehalfOfCredential).toBe('function');
    expect(typeof CloudAdapter).toBe('function');
  });
});
