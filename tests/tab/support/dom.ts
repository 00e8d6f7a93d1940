/**
 * jsdom setup for the tab's component tests (import it first in each `@jest-environment jsdom` file):
 * jest-dom matchers on `@jest/globals`' expect, and the browser APIs Fluent touches that jsdom lacks.
 */
import '@testing-library/jest-dom/jest-globals';
import { afterEach } from '@jest/globals';
import { configure } from '@testing-library/react';

// Role queries over Fluent's DOM are slow on a busy 2-core CI machine: give findBy*/waitFor more than 1 s.
configure({ asyncUtilTimeout: 5_000 });

if (typeof window !== 'undefined') {
  // The page keeps its view (filters, sort, grouping, the open VM) in the URL: each test starts from a plain one.
  afterEach(() => window.history.replaceState(null, '', '/'));
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
  // jsdom has no layout: observers never fire (Fluent's MessageBar reflow, the grid's viewport measure).
  window.ResizeObserver ??= class ResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
