/**
 * jsdom setup for the tab's component tests (import it first in each `@jest-environment jsdom` file):
 * jest-dom matchers on `@jest/globals`' expect, and the browser APIs Fluent touches that jsdom lacks.
 */
import '@testing-library/jest-dom/jest-globals';

if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
}
