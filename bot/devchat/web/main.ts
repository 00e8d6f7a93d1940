import './styles.css';
import { api } from './api.ts';
import { createChatApp } from './app.ts';

const root = document.getElementById('app');
if (root) {
  api
    .config()
    .then((config) => {
      createChatApp(root, config);
      root.removeAttribute('aria-busy');
    })
    .catch((error: unknown) => {
      root.textContent = `Could not load the dev chat: ${error instanceof Error ? error.message : String(error)}`;
      root.className = 'app app-error';
    });
}
