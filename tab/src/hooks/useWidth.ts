import { useLayoutEffect, useRef, useState } from 'react';

/**
 * The width of an element as laid out (ResizeObserver); `fallback` before it is measured, or where nothing is laid
 * out (jsdom). The grid and the toolbar pick their layout from their own width, not the window's: the tab may sit
 * in a narrow Teams pane, or beside an open details panel.
 */
export function useWidth<T extends HTMLElement = HTMLDivElement>(fallback = Number.POSITIVE_INFINITY) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth > 0 ? element.clientWidth : fallback);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  return { ref, width };
}
