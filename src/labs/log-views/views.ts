/** The three views, in the order the lab shows them. */
import { cacheView } from './cache.ts';
import type { ViewName } from './messages.ts';
import { reportingView } from './reporting.ts';
import { searchView } from './search.ts';
import type { ViewDefinition } from './view.ts';

export const VIEW_DEFINITIONS: Readonly<Record<ViewName, ViewDefinition>> = {
  reporting: reportingView,
  search: searchView,
  cache: cacheView,
};
