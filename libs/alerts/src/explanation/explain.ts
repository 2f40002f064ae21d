import type { AlertArticleLink, AlertEventExplained, AlertExplanation } from '../contract/alert-message.js';
import type { AlertRule } from '../rules/alert-rule.js';

export interface IncidentSource {
  articleId: string;
  url: string;
  title: string;
  outlet: string;
  publishedAt: string;
}

/**
 * How many events and articles an explanation lists. A story reported by
 * hundreds of articles would otherwise make every revision of its alert (a
 * stored row, a log event, a queue job, a webhook body) grow with each new
 * source; the counts in `sources` and `omitted` still give the whole picture,
 * and the alert's API page lists every event.
 */
export const EXPLANATION_LIMIT = 20;

/**
 * Why an alert was raised: the rule, the events of the incident that matched
 * it (the first EXPLANATION_LIMIT, oldest report first) with the clauses each
 * satisfied and its evidence spans, the sources clause, and links to the
 * articles that report the incident (likewise capped), with what was left out.
 */
export function explainAlert(
  rule: AlertRule,
  matched: AlertEventExplained[],
  sources: IncidentSource[],
): AlertExplanation {
  const articles: AlertArticleLink[] = sources
    .slice(0, EXPLANATION_LIMIT)
    .map((s) => ({ ...s, apiUrl: `/api/articles/${s.articleId}` }));
  const omitted = {
    events: Math.max(0, matched.length - EXPLANATION_LIMIT),
    articles: Math.max(0, sources.length - EXPLANATION_LIMIT),
  };
  return {
    rule,
    sources: {
      required: rule.minSources ?? 1,
      outlets: new Set(sources.map((s) => s.outlet)).size,
      articles: sources.length,
    },
    events: matched.slice(0, EXPLANATION_LIMIT),
    articles,
    ...((omitted.events > 0 || omitted.articles > 0) && { omitted }),
  };
}

/** One line a human reads in a log or a chat message. */
export function summarizeAlert(explanation: AlertExplanation, eventType: string): string {
  const first = explanation.events[0];
  const sides = first
    ? `${first.agent.map((a) => a.name).join(', ') || '?'} → ${first.target.map((a) => a.name).join(', ') || '?'}`
    : '';
  const evidence = first?.evidence[0]?.text;
  return `${eventType}${sides ? ` (${sides})` : ''}${evidence ? `: "${evidence}"` : ''} — ${explanation.sources.articles} article(s), ${explanation.sources.outlets} outlet(s)`;
}
