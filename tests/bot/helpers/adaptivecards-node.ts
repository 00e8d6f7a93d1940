import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

/**
 * The official adaptivecards package in Node: its `lib/` is extensionless ESM Node cannot load, so
 * the UMD bundle is loaded (it parses and validates without a DOM); types come from `lib/`.
 */
export const AC = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof AdaptiveCards;
