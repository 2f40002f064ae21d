// The subscription rule builder's model and its validation, run before saving
// (the API validates again; its 400 names each field and is shown as is).

export interface RuleDraft {
  name: string;
  eventTypes: string[];
  countries: string;
  countryRole: 'either' | 'agent' | 'target';
  actorIds: string;
  actorRole: 'either' | 'agent' | 'target';
  goldsteinMin: string;
  goldsteinMax: string;
  modalities: string[];
  words: string;
  minSources: string;
  deliverToQueue: boolean;
  webhookUrl: string;
  webhookSecret: string;
  notifyOnUpdate: boolean;
}

export const emptyRule: RuleDraft = {
  name: '',
  eventTypes: [],
  countries: '',
  countryRole: 'either',
  actorIds: '',
  actorRole: 'either',
  goldsteinMin: '',
  goldsteinMax: '',
  // What did not happen raises no alert unless the analyst asks for it.
  modalities: ['asserted'],
  words: '',
  minSources: '',
  deliverToQueue: true,
  webhookUrl: '',
  webhookSecret: '',
  notifyOnUpdate: false,
};

const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Words or phrases, comma-separated. */
const phrases = (s: string) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Every problem of the draft, by field; empty when it can be saved. */
export function validateRule(draft: RuleDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.name.trim()) problems.name = 'give the subscription a name';
  else if (draft.name.trim().length > 200) problems.name = 'at most 200 characters';
  const countries = list(draft.countries).map((c) => c.toUpperCase());
  const badCountry = countries.find((c) => !/^[A-Z]{3}$/.test(c));
  if (badCountry) problems.countries = `${badCountry} is not an ISO alpha-3 code (IRQ, USA) or IGO`;
  else if (countries.length > 50) problems.countries = 'at most 50 countries';
  const shortWord = phrases(draft.words).find((w) => w.length < 2 || w.length > 100);
  if (shortWord !== undefined) problems.words = `“${shortWord}”: each word 2 to 100 characters`;
  else if (phrases(draft.words).length > 20) problems.words = 'at most 20 words';
  const badActor = list(draft.actorIds).find((a) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(a));
  if (badActor) problems.actorIds = `${badActor} is not an actor id (a lower-case slug like mustafa-al-kadhimi)`;
  const min = draft.goldsteinMin.trim() === '' ? undefined : Number(draft.goldsteinMin);
  const max = draft.goldsteinMax.trim() === '' ? undefined : Number(draft.goldsteinMax);
  if (min !== undefined && (Number.isNaN(min) || min < -10 || min > 10))
    problems.goldsteinMin = 'a number from -10 to 10';
  if (max !== undefined && (Number.isNaN(max) || max < -10 || max > 10))
    problems.goldsteinMax = 'a number from -10 to 10';
  if (min !== undefined && max !== undefined && min > max) problems.goldsteinMax = 'must be at least the minimum';
  if (
    draft.minSources.trim() !== '' &&
    !(Number.isInteger(Number(draft.minSources)) && Number(draft.minSources) >= 1 && Number(draft.minSources) <= 100)
  )
    problems.minSources = 'a whole number from 1 to 100';
  // Modality alone is no rule: "every asserted event" would alert on everything.
  const hasClause =
    draft.eventTypes.length > 0 ||
    countries.length > 0 ||
    list(draft.actorIds).length > 0 ||
    min !== undefined ||
    max !== undefined ||
    phrases(draft.words).length > 0;
  if (!hasClause) problems.rule = 'add at least one clause (types, countries, actors, Goldstein or words)';
  if (draft.modalities.length === 0) problems.modalities = 'choose at least one modality (asserted: what happened)';
  if (!draft.deliverToQueue && !draft.webhookUrl.trim())
    problems.delivery = 'deliver to the alerts queue, a webhook, or both';
  if (draft.webhookUrl.trim()) {
    try {
      const url = new URL(draft.webhookUrl.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.webhookUrl = 'must be an http(s) URL';
    } catch {
      problems.webhookUrl = 'must be a URL';
    }
    if (draft.webhookSecret.trim() && !/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/.test(draft.webhookSecret.trim()))
      problems.webhookSecret = 'must be whsec_ and at least 16 bytes of base64, or empty to let the server make one';
  }
  return problems;
}

/** The draft as the API's subscription body (issue #5's contract). */
export function toSubscriptionBody(draft: RuleDraft) {
  const min = draft.goldsteinMin.trim() === '' ? undefined : Number(draft.goldsteinMin);
  const max = draft.goldsteinMax.trim() === '' ? undefined : Number(draft.goldsteinMax);
  const countries = list(draft.countries).map((c) => c.toUpperCase());
  const actorIds = list(draft.actorIds);
  const words = phrases(draft.words);
  return {
    name: draft.name.trim(),
    rule: {
      ...(draft.eventTypes.length > 0 && { eventTypes: draft.eventTypes }),
      ...(countries.length > 0 && { countries, countryRole: draft.countryRole }),
      ...(actorIds.length > 0 && { actorIds, actorRole: draft.actorRole }),
      ...((min !== undefined || max !== undefined) && {
        goldstein: { ...(min !== undefined && { min }), ...(max !== undefined && { max }) },
      }),
      modalities: draft.modalities.length > 0 ? draft.modalities : ['asserted'],
      ...(words.length > 0 && { words }),
      ...(draft.minSources.trim() !== '' && { minSources: Number(draft.minSources) }),
    },
    delivery: {
      queue: draft.deliverToQueue,
      webhook: draft.webhookUrl.trim()
        ? { url: draft.webhookUrl.trim(), ...(draft.webhookSecret.trim() && { secret: draft.webhookSecret.trim() }) }
        : null,
    },
    notifyOnUpdate: draft.notifyOnUpdate,
  };
}

/** A subscription from the API back into the builder. */
export function fromSubscription(s: {
  name?: string;
  rule?: Record<string, unknown>;
  delivery?: unknown;
  notifyOnUpdate?: boolean;
}): RuleDraft {
  const rule = (s.rule ?? {}) as {
    eventTypes?: string[];
    countries?: string[];
    countryRole?: RuleDraft['countryRole'];
    actorIds?: string[];
    actorRole?: RuleDraft['actorRole'];
    goldstein?: { min?: number; max?: number };
    modalities?: string[];
    words?: string[];
    minSources?: number;
  };
  const delivery = (s.delivery ?? {}) as { queue?: boolean; webhook?: { url?: string } | null };
  return {
    name: s.name ?? '',
    eventTypes: rule.eventTypes ?? [],
    countries: (rule.countries ?? []).join(', '),
    countryRole: rule.countryRole ?? 'either',
    actorIds: (rule.actorIds ?? []).join(', '),
    actorRole: rule.actorRole ?? 'either',
    goldsteinMin: rule.goldstein?.min === undefined ? '' : String(rule.goldstein.min),
    goldsteinMax: rule.goldstein?.max === undefined ? '' : String(rule.goldstein.max),
    modalities: rule.modalities?.length ? rule.modalities : ['asserted'],
    words: (rule.words ?? []).join(', '),
    minSources: rule.minSources === undefined ? '' : String(rule.minSources),
    deliverToQueue: delivery.queue ?? true,
    webhookUrl: delivery.webhook?.url ?? '',
    webhookSecret: '',
    notifyOnUpdate: s.notifyOnUpdate ?? false,
  };
}
