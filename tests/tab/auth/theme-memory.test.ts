import { describe, expect, it } from '@jest/globals';
import { browserTheme, rememberedTheme, THEME_KEY } from '../../../tab/src/theme/theme.ts';
import { memoryStorage } from '../support/memory-storage.ts';

const media = (dark: boolean) => (query: string) => ({ matches: dark && query.includes('dark') });

describe('the host theme across the sign-in round trip', () => {
  it('?theme= is remembered for the browser tab and wins over the colour scheme on pages without it', () => {
    const memory = memoryStorage();
    expect(browserTheme('?theme=dark', media(false), memory)).toBe('dark');
    expect(memory.getItem(THEME_KEY)).toBe('dark');
    // The redirect back from the authorize endpoint (`/#code=…`) has no ?theme=: still dark.
    expect(browserTheme('', media(false), memory)).toBe('dark');
    expect(browserTheme('?theme=light', media(true), memory)).toBe('light');
    expect(browserTheme('', media(true), memory)).toBe('light');
  });

  it('rememberedTheme: the remembered theme name, or undefined (none, unknown, storage blocked)', () => {
    const memory = memoryStorage();
    expect(rememberedTheme(memory)).toBeUndefined();
    browserTheme('?theme=contrast', media(false), memory);
    expect(rememberedTheme(memory)).toBe('contrast');
    memory.setItem(THEME_KEY, '"><script>');
    expect(rememberedTheme(memory)).toBeUndefined();
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    };
    expect(rememberedTheme(blocked)).toBeUndefined();
    expect(rememberedTheme(undefined)).toBeUndefined();
  });

  it('ignores unknown values, and works without storage', () => {
    const memory = memoryStorage();
    memory.setItem(THEME_KEY, 'neon');
    expect(browserTheme('?theme=bogus', media(true), memory)).toBe('dark');
    expect(browserTheme('', media(false), undefined)).toBe('light');
  });
});
