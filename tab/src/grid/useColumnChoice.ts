import { useCallback, useEffect, useState } from 'react';
import { OPTIONAL_COLUMNS, type ColumnId } from './columns.tsx';

/** Where the column choice is remembered: per user (tenant + object id), in this browser. */
export const columnsKey = (user: { readonly tid: string; readonly oid: string }) =>
  `vmm:columns:v1:${user.tid}:${user.oid}`;

const OPTIONAL = new Set<string>(OPTIONAL_COLUMNS.map((c) => c.id));

/** The hidden columns stored under `key`; anything unreadable or unknown is ignored. Pure apart from storage. */
export function readHidden(storage: Storage | undefined, key: string): Set<ColumnId> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return new Set(
      Array.isArray(parsed)
        ? (parsed.filter((id) => typeof id === 'string' && OPTIONAL.has(id)) as ColumnId[])
        : [],
    );
  } catch {
    return new Set();
  }
}

const browserStorage = (): Storage | undefined => {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined; // storage disabled (some embedded browsers)
  }
};

/**
 * The columns the user hid with the column chooser, remembered per user in local storage (hidden rather than shown:
 * a column added later appears). Until the user is known nothing is hidden.
 */
export function useColumnChoice(
  user: { readonly tid: string; readonly oid: string } | undefined,
): readonly [ReadonlySet<ColumnId>, (hidden: ReadonlySet<ColumnId>) => void] {
  const key = user ? columnsKey(user) : undefined;
  const [hidden, setHidden] = useState<ReadonlySet<ColumnId>>(new Set());
  useEffect(() => {
    if (key) setHidden(readHidden(browserStorage(), key));
  }, [key]);
  const choose = useCallback(
    (next: ReadonlySet<ColumnId>) => {
      setHidden(new Set(next));
      if (!key) return;
      try {
        browserStorage()?.setItem(key, JSON.stringify([...next]));
      } catch {
        // Quota or disabled storage: the choice lasts for this page only.
      }
    },
    [key],
  );
  return [hidden, choose] as const;
}
