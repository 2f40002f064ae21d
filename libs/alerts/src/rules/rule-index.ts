import type { AlertRule, RuleSubject } from './alert-rule.js';
import { type ClauseMatch, evaluateRule } from './evaluate.js';

export interface IndexedRule {
  subscriptionId: string;
  rule: AlertRule;
  /** The rule applies to events recorded from this instant on (not to history before the subscription). */
  activeFrom: Date;
  /** Deleted subscriptions stop applying at their deletion. */
  activeUntil?: Date;
}

export interface RuleHit {
  subscriptionId: string;
  clauses: ClauseMatch[];
}

const ANY = '*';

/**
 * Rules bucketed by event type and by country, so an event meets only the rules
 * that could match it: those naming its type (or any type) and one of its
 * countries (or any country). With 1,000 subscriptions spread over 18 types and
 * many countries, an event checks a handful of rules, not all of them.
 */
export class RuleIndex {
  private readonly buckets = new Map<string, Map<string, IndexedRule[]>>();
  private readonly byId = new Map<string, IndexedRule>();
  readonly size: number;

  constructor(rules: readonly IndexedRule[]) {
    this.size = rules.length;
    for (const entry of rules) {
      this.byId.set(entry.subscriptionId, entry);
      const types = entry.rule.eventTypes?.length ? entry.rule.eventTypes : [ANY];
      const countries = entry.rule.countries?.length ? entry.rule.countries : [ANY];
      for (const type of types) {
        let byCountry = this.buckets.get(type);
        if (!byCountry) this.buckets.set(type, (byCountry = new Map()));
        for (const country of countries) {
          const list = byCountry.get(country);
          if (list) list.push(entry);
          else byCountry.set(country, [entry]);
        }
      }
    }
  }

  /** Rules that might match: same type or any, and one of the event's countries (either side) or any. */
  candidates(subject: RuleSubject): IndexedRule[] {
    const seen = new Set<IndexedRule>();
    const countries = new Set<string>();
    for (const a of subject.agent) countries.add(a.country);
    for (const a of subject.target) countries.add(a.country);
    for (const type of [subject.type, ANY]) {
      const byCountry = this.buckets.get(type);
      if (!byCountry) continue;
      for (const country of [...countries, ANY]) for (const entry of byCountry.get(country) ?? []) seen.add(entry);
    }
    return [...seen];
  }

  /** Every subscription whose event-level clauses hold for this event, recorded at `recordedAt`. */
  match(subject: RuleSubject, recordedAt: Date): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const entry of this.candidates(subject)) {
      if (recordedAt < entry.activeFrom || (entry.activeUntil && recordedAt >= entry.activeUntil)) continue;
      const clauses = evaluateRule(entry.rule, subject);
      if (clauses) hits.push({ subscriptionId: entry.subscriptionId, clauses });
    }
    return hits;
  }

  /** The one rule of a subscription, for incident-level clauses. */
  rule(subscriptionId: string): IndexedRule | undefined {
    return this.byId.get(subscriptionId);
  }
}
