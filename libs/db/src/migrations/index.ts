import type { Migration } from 'kysely/migration';
import * as eventStore from './2026-11-28T00-00-event-store.js';
import * as articleKeys from './2026-11-28T00-30-article-keys.js';
import * as readModels from './2026-11-28T01-00-read-models.js';
import * as feeds from './2026-11-28T02-00-feeds.js';
import * as adminAuth from './2026-11-28T03-00-admin-auth.js';
import * as alerts from './2026-11-28T04-00-alerts.js';
import * as projectionRebuilds from './2026-11-28T05-00-projection-rebuilds.js';
import * as incidentPins from './2026-11-28T06-00-incident-pins.js';
import * as articleLanguage from './2026-12-03T03-00-article-language.js';
import * as parkedEvents from './2026-12-03T05-00-parked-events.js';
import * as feedItemErrors from './2026-12-03T05-10-feed-item-errors.js';
import * as loginBackoff from './2026-12-03T05-20-login-backoff.js';
import * as appendFunction from './2026-12-03T08-00-append-function.js';
import * as alertEventLinks from './2026-12-03T08-10-alert-event-links.js';
import * as alertExplanations from './2026-12-03T15-30-alert-explanations.js';
import * as readSideSearch from './2026-12-03T07-00-read-side-search.js';
import * as storeArticlesFunction from './2026-12-03T16-00-store-articles-function.js';

/**
 * Every migration, by name; names sort in the order they run. Listed by hand
 * (not read from the folder) so the same list works from sources under Jest
 * and from dist/. A migration never imports app code.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28T00-00-event-store': eventStore,
  '2026-11-28T00-30-article-keys': articleKeys,
  '2026-11-28T01-00-read-models': readModels,
  '2026-11-28T02-00-feeds': feeds,
  '2026-11-28T03-00-admin-auth': adminAuth,
  '2026-11-28T04-00-alerts': alerts,
  '2026-11-28T05-00-projection-rebuilds': projectionRebuilds,
  '2026-11-28T06-00-incident-pins': incidentPins,
  '2026-12-03T03-00-article-language': articleLanguage,
  '2026-12-03T05-00-parked-events': parkedEvents,
  '2026-12-03T05-10-feed-item-errors': feedItemErrors,
  '2026-12-03T05-20-login-backoff': loginBackoff,
  '2026-12-03T08-00-append-function': appendFunction,
  '2026-12-03T08-10-alert-event-links': alertEventLinks,
  '2026-12-03T07-00-read-side-search': readSideSearch,
  '2026-12-03T15-30-alert-explanations': alertExplanations,
  '2026-12-03T16-00-store-articles-function': storeArticlesFunction,
};
