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
 * Why an alert was raised: the rule, every event of the incident that matched
 * it with the clauses it satisfied and its evidence spans, the sources clause,
 * and links to every article that reports the incident.
 */
export function explainAlert(rule: AlertRule, matched: AlertEventExplained[], sources: IncidentSource[]): AlertExplanation {
  const articles: AlertArticleLink[] = sources.map((s) => ({ ...s, apiUrl: `/api/articles/${s.articleId}` }));
  return {
    rule,
    sources: { required: rule.minSources ?? 1, outlets: new Set(sources.map((s) => s.outlet)).size, articles: sources.length },
    events: matched,
    articles,
  };
}

/** One line a human reads in a log or a chat message. */
export function summarizeAlert(explanation: AlertExplanation, eventType: string): string {
  const first = explanation.events[0];
  const sides = first ? `${first.agent.map((a) => a.name).join(', ') || '?'} → ${first.target.map((a) => a.name).join(', ') || '?'}` : '';
  const evidence = first?.evidence[0]?.text;
  return `${eventType}${sides ? ` (${sides})` : ''}${evidence ? `: "${evidence}"` : ''} — ${explanation.sources.articles} article(s), ${explanation.sources.outlets} outlet(s)`;
}
