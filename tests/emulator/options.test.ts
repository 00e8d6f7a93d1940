import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { defaultOptions, isLoopback, optionsFromEnv } from '../../emulator/options.ts';

describe('emulator options from the environment', () => {
  it('defaults to loopback on 4443, state in .emulator/, the default seed', () => {
    expect(optionsFromEnv({})).toEqual(defaultOptions);
    expect(defaultOptions).toMatchObject({
      host: '127.0.0.1',
      port: 4443,
      stateDir: resolve('.emulator'),
      seed: 'default',
    });
    expect(optionsFromEnv({ EMULATOR_HOST: '  ' }).host).toBe('127.0.0.1');
  });

  it('reads every variable', () => {
    expect(
      optionsFromEnv({
        EMULATOR_HOST: '::1',
        EMULATOR_PORT: '0',
        EMULATOR_STATE_DIR: '/tmp/x',
        EMULATOR_SEED: 'large',
        EMULATOR_PAGE_SIZE: '7',
        EMULATOR_TRANSITION_MS: '0',
        EMULATOR_RETRY_AFTER: '0',
        EMULATOR_TOKEN_LIFETIME: '600',
      }),
    ).toMatchObject({
      host: '::1',
      port: 0,
      stateDir: '/tmp/x',
      seed: 'large',
      pageSize: 7,
      transitionMs: 0,
      lroRetryAfterSeconds: 0,
      tokenLifetimeSeconds: 600,
    });
  });

  it.each([
    [{ EMULATOR_PORT: 'x' }, 'EMULATOR_PORT must be an integer >= 0 (got "x")'],
    [{ EMULATOR_PAGE_SIZE: '0' }, 'EMULATOR_PAGE_SIZE must be an integer >= 1 (got "0")'],
    [{ EMULATOR_TOKEN_LIFETIME: '5' }, 'EMULATOR_TOKEN_LIFETIME must be an integer >= 60 (got "5")'],
    [{ EMULATOR_TRANSITION_MS: '1.5' }, 'EMULATOR_TRANSITION_MS must be an integer >= 0 (got "1.5")'],
    [{ EMULATOR_SEED: 'huge' }, 'EMULATOR_SEED must be "default" or "large" (got "huge")'],
  ])('refuses %j', (env, message) => {
    expect(() => optionsFromEnv(env)).toThrow(message);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.0.2.2', false],
    ['example.com', false],
    ['127.0.0.1.example.com', false],
  ])('isLoopback(%s) = %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
