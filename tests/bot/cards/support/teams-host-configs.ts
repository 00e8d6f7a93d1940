/**
 * Teams' light and dark themes as Adaptive Cards host configs, for the layout test. The colours are those of the
 * "microsoft-teams-light" and "microsoft-teams-dark" host configs the Adaptive Cards designer ships
 * (github.com/microsoft/AdaptiveCards, samples/HostConfig/microsoft-teams-{light,dark}.json; colours written
 * #AARRGGBB as there): dark text on white in the light theme, light text on #2D2C2C in the dark one, and in both
 * themes the coloured container styles (good, attention, warning, accent banners) keep a pale background with dark
 * text. Spacing, fonts and fact-set metrics are ours and the same in both (Segoe UI falls back to the machine's
 * sans-serif, which is wider: a stricter test).
 */

export type Theme = 'light' | 'dark';

interface Palette {
  readonly page: string;
  readonly background: string;
  readonly emphasis: string;
  readonly text: string;
  readonly subtle: string;
  readonly accent: string;
  readonly attention: string;
}

const PALETTES: Readonly<Record<Theme, Palette>> = {
  light: {
    page: '#F5F5F5',
    background: '#FFFFFFFF',
    emphasis: '#FFF9F8F7',
    text: '#FF252424',
    subtle: '#BF252424',
    accent: '#FF6264A7',
    attention: '#FFC4314B',
  },
  dark: {
    page: '#1F1F1F',
    background: '#FF2D2C2C',
    emphasis: '#FF292828',
    text: '#FFFFFFFF',
    subtle: '#BFFFFFFF',
    accent: '#FFA6A7DC',
    attention: '#FFD74654',
  },
};

/** The same in both themes: dark text on the banners' pale backgrounds. */
const ON_PALE = { text: '#FF201F1F', subtle: '#FF2D2C2C' } as const;
const PALE_BACKGROUNDS = {
  accent: '#C7DEF9',
  good: '#CCFFCC',
  attention: '#FFC5B2',
  warning: '#FFE2B2',
} as const;

function foreground(text: string, subtle: string, palette: Palette) {
  return {
    default: { default: text, subtle },
    dark: { default: '#FF201F1F', subtle: '#FF2D2C2C' },
    light: { default: '#FFFFFFFF', subtle: '#BFFFFFFF' },
    accent: { default: palette.accent, subtle: palette.accent },
    good: { default: '#FF92C353', subtle: '#E592C353' },
    warning: { default: '#FFF8D22A', subtle: '#E5F8D22A' },
    attention: { default: palette.attention, subtle: palette.attention },
  };
}

/** The page colour around the card (Teams' chat background) in `theme`. */
export function pageBackground(theme: Theme): string {
  return PALETTES[theme].page;
}

/** A host config object for `new AdaptiveCards.HostConfig(…)`. Plain JSON: it crosses into the browser. */
export function teamsHostConfig(theme: Theme): Record<string, unknown> {
  const palette = PALETTES[theme];
  const own = foreground(palette.text, palette.subtle, palette);
  const pale = foreground(ON_PALE.text, ON_PALE.subtle, palette);
  return {
    supportsInteractivity: true,
    fontFamily: "'Segoe UI', system-ui, sans-serif",
    spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
    separator: { lineThickness: 1, lineColor: theme === 'dark' ? '#FF3B3A39' : '#FFEEEEEE' },
    fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    containerStyles: {
      default: { backgroundColor: palette.background, foregroundColors: own },
      emphasis: { backgroundColor: palette.emphasis, foregroundColors: own },
      ...Object.fromEntries(
        Object.entries(PALE_BACKGROUNDS).map(([style, backgroundColor]) => [
          style,
          { backgroundColor, foregroundColors: pale },
        ]),
      ),
    },
    actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    factSet: {
      title: { isSubtle: true, weight: 'default', wrap: true, maxWidth: 150 },
      value: { wrap: true },
      spacing: 8,
    },
  };
}
