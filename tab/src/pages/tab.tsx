/** index.html: the personal tab. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../app/App.tsx';
import { bootTab } from '../app/boot.ts';

const root = createRoot(document.getElementById('root')!);

function showFatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  root.render(
    <div role="alert" style={{ fontFamily: 'Segoe UI, system-ui, sans-serif', padding: 24 }}>
      <h1 style={{ fontSize: 20 }}>VM Manager could not start</h1>
      <p>{message}</p>
      <button type="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </div>,
  );
}

bootTab({ win: window })
  .then((boot) =>
    root.render(
      <StrictMode>
        <App boot={boot} />
      </StrictMode>,
    ),
  )
  .catch(showFatal);
