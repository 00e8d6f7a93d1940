import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark' | 'contrast';

/** Teams host theme (`default` | `dark` | `contrast`) → ours. Unknown names fall back to light. */
export function fromTeamsTheme(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === 'dark') return 'dark';
  if (teamsTheme === 'contrast') return 'contrast';
  return 'light';
}

export function fluentTheme(name: ThemeName): Theme {
  return name === 'dark' ? webDarkTheme : name === 'contrast' ? teamsHighContrastTheme : webLightTheme;
}

export const isThemeName = (value: unknown): value is ThemeName =>
  value === 'light' || value === 'dark' || value === 'contrast';

/** Where the host's `?theme=` is remembered for the browser tab's session (sign-in redirects drop the query). */
export const THEME_KEY = 'vmm.theme';

export type ThemeMemory = Pick<Storage, 'getItem' | 'setItem'>;

function sessionMemory(): ThemeMemory | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** The theme the host chose (`?theme=`), as remembered for this browser tab; undefined if none (or unreadable). */
export function rememberedTheme(memory: ThemeMemory | undefined = sessionMemory()): ThemeName | undefined {
  try {
    const remembered = memory?.getItem(THEME_KEY);
    return isThemeName(remembered) ? remembered : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Outside Teams: `?theme=light|dark|contrast` wins (and is remembered for this browser tab, so the pages a sign-in
 * passes through keep it: the redirect back, the error page), then a remembered one, then the browser's
 * `prefers-color-scheme` / `forced-colors`.
 */
export function browserTheme(
  search: string,
  matchMedia?: (query: string) => { matches: boolean },
  memory: ThemeMemory | undefined = sessionMemory(),
): ThemeName {
  const requested = new URLSearchParams(search).get('theme');
  if (isThemeName(requested)) {
    try {
      memory?.setItem(THEME_KEY, requested);
    } catch {
      // storage full or blocked: the query still applies to this page
    }
    return requested;
  }
  const remembered = rememberedTheme(memory);
  if (remembered) return remembered;
  if (matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
