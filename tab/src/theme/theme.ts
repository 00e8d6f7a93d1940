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

/**
 * Outside Teams: `?theme=light|dark|contrast` wins, then the browser's `prefers-color-scheme` /
 * `forced-colors`.
 */
export function browserTheme(
  search: string,
  matchMedia?: (query: string) => { matches: boolean },
): ThemeName {
  const requested = new URLSearchParams(search).get('theme');
  if (requested === 'light' || requested === 'dark' || requested === 'contrast') return requested;
  if (matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
