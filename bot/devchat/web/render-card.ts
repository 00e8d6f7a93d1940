import * as AC from 'adaptivecards';

/** Teams-like light theme for the adaptivecards renderer. */
const foreground = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#424242' },
  light: { default: '#ffffff', subtle: '#f5f5f5' },
  accent: { default: '#4f52b2', subtle: '#6264a7' },
  good: { default: '#0e700e', subtle: '#107c10' },
  warning: { default: '#8a5d00', subtle: '#8a5d00' },
  attention: { default: '#c4314b', subtle: '#c4314b' },
};
const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });

const hostConfig = new AC.HostConfig({
  fontFamily: "'Segoe UI', 'Segoe UI Web', system-ui, -apple-system, 'Helvetica Neue', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e0e0e0' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: style('#ffffff'),
    emphasis: style('#f5f5f5'),
    accent: style('#e8ebfa'),
    good: style('#e7f4e4'),
    attention: style('#fdf3f4'),
    warning: style('#fff9f5'),
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: {
      color: 'default',
      size: 'default',
      isSubtle: true,
      weight: 'default',
      wrap: true,
      maxWidth: 150,
    },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 8,
  },
});

/** The subset of markdown Teams renders in cards (bold, italic), on HTML-escaped text. */
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  result.outputHtml = escaped
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=[\s).,!?]|$)/g, '$1<em>$2</em>')
    // CommonMark backslash escapes (the bot escapes data it shows): the character itself.
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
  result.didProcess = true;
};

/** An Action.Execute the user clicked (the renderer merged the card's inputs into `data`). */
export interface ExecutedAction {
  readonly id?: string;
  readonly verb: string;
  readonly data: unknown;
}

/** Renders a card; `onExecute` gets Action.Execute clicks, OpenUrl opens a new tab. */
export function renderCard(json: unknown, onExecute: (action: ExecutedAction) => void): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AC.ExecuteAction) {
      onExecute({
        ...(action.id ? { id: action.id } : {}),
        verb: action.verb ?? '',
        data: action.data ?? {},
      });
    } else if (action instanceof AC.SubmitAction) {
      const data = (action.data ?? {}) as { verb?: string };
      onExecute({ verb: data.verb ?? '', data });
    } else if (action instanceof AC.OpenUrlAction && action.url) {
      window.open(action.url, '_blank', 'noopener');
    }
  };
  try {
    card.parse(json);
    const element = card.render();
    if (element) return element;
  } catch {
    // fall through to the fallback text below
  }
  const failed = document.createElement('div');
  failed.className = 'card-error';
  failed.textContent = 'This card could not be rendered.';
  return failed;
}
