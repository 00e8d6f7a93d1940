import { useCallback, useState } from 'react';
import { searchWithView, viewFromSearch, type ViewState } from './view-state.ts';

/** The location's search string, when there is a window (not in tests without one). */
const currentSearch = () => (typeof window === 'undefined' ? '' : window.location.search);

/**
 * The view (filters, sort, grouping, the open details panel) kept in the address bar: a link shows the same view, a
 * reload keeps it. `initial` overrides the URL's own parameters (a Teams deep link's `subPageId`). `replaceState`,
 * not `pushState`: changing a filter does not fill the Back button's history.
 */
export function useViewState(initial?: string): readonly [ViewState, (change: Partial<ViewState>) => void] {
  const [view, setView] = useState<ViewState>(() => {
    const fromUrl = viewFromSearch(currentSearch());
    if (!initial) return fromUrl;
    const fromLink = viewFromSearch(initial);
    if (typeof window !== 'undefined') replaceSearch(searchWithView(window.location.search, fromLink));
    return fromLink;
  });
  const update = useCallback((change: Partial<ViewState>) => {
    setView((previous) => {
      const { vm, ...rest } = { ...previous, ...change };
      const next: ViewState = vm === undefined ? rest : { ...rest, vm };
      if (typeof window !== 'undefined') replaceSearch(searchWithView(window.location.search, next));
      return next;
    });
  }, []);
  return [view, update] as const;
}

function replaceSearch(search: string): void {
  const { pathname, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
}
