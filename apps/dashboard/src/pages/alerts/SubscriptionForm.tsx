import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SubscriptionJson } from '#alerts/contracts';
import { post, put } from '../../api';
import { type RuleDraft, emptyRule, fromSubscription, toSubscriptionBody, validateRule } from '../../components/rule';
import { describeRule } from '../../components/rule-text';
import { ErrorBox, useCatalog } from '../../components/ui';

const MODALITY_CHOICE: Record<string, string> = {
  asserted: 'asserted — it happened',
  future: 'future — planned, expected',
  hypothetical: 'hypothetical — threatened, conditional',
  negated: 'negated — denied, did not happen',
};

/** The rule builder: checked before saving (the API checks again and names each bad field). */
export function SubscriptionForm({
  subscription,
  onDone,
}: {
  subscription: SubscriptionJson | null;
  onDone: () => void;
}) {
  const catalog = useCatalog();
  const client = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(subscription ? fromSubscription(subscription) : emptyRule);
  const [touched, setTouched] = useState(false);
  const problems = validateRule(draft);
  const [secret, setSecret] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const body = toSubscriptionBody(draft);
      return subscription
        ? put<{ webhookSecret?: string | null }>(`/api/subscriptions/${encodeURIComponent(subscription.id)}`, body)
        : post<{ webhookSecret?: string | null }>('/api/subscriptions', body);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['subscriptions'] });
      // A generated webhook secret is shown once, here; the API never returns it again.
      if (saved?.webhookSecret) setSecret(saved.webhookSecret);
      else onDone();
    },
  });
  if (secret)
    return (
      <div className="rule-builder" data-testid="webhook-secret">
        <p>
          Saved. The webhook secret, shown only now — give it to the receiver to verify signatures:{' '}
          <code>{secret}</code>
        </p>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    );
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft({ ...draft, [key]: value });
  const toggle = (key: 'eventTypes' | 'modalities', value: string) =>
    set(key, draft[key].includes(value) ? draft[key].filter((v) => v !== value) : [...draft[key], value]);
  const problem = (key: string) => touched && problems[key] && <span className="error small">{problems[key]}</span>;

  return (
    <form
      className="rule-builder"
      data-testid="subscription-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (Object.keys(problems).length === 0) save.mutate();
      }}
    >
      <h3>{subscription ? `Edit “${subscription.name}”` : 'New subscription'}</h3>
      <label>
        Name <input name="name" value={draft.name} onChange={(e) => set('name', e.target.value)} /> {problem('name')}
      </label>
      <fieldset>
        <legend>Event types (none: any)</legend>
        <div className="checks">
          {catalog.data?.eventTypes.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                name="eventType"
                value={t}
                checked={draft.eventTypes.includes(t)}
                onChange={() => toggle('eventTypes', t)}
              />{' '}
              {t}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Countries{' '}
        <input
          name="countries"
          value={draft.countries}
          onChange={(e) => set('countries', e.target.value)}
          placeholder="IRQ, IRN"
        />
        <select
          name="countryRole"
          value={draft.countryRole}
          onChange={(e) => set('countryRole', e.target.value as RuleDraft['countryRole'])}
        >
          <option value="either">as agent or target</option>
          <option value="agent">as agent</option>
          <option value="target">as target</option>
        </select>{' '}
        {problem('countries')}
      </label>
      <label>
        Actor ids{' '}
        <input
          name="actorIds"
          value={draft.actorIds}
          onChange={(e) => set('actorIds', e.target.value)}
          placeholder="mustafa-al-kadhimi"
        />
        <select
          name="actorRole"
          value={draft.actorRole}
          onChange={(e) => set('actorRole', e.target.value as RuleDraft['actorRole'])}
        >
          <option value="either">as agent or target</option>
          <option value="agent">as agent</option>
          <option value="target">as target</option>
        </select>{' '}
        {problem('actorIds')}
      </label>
      <label>
        Goldstein from{' '}
        <input
          name="goldsteinMin"
          value={draft.goldsteinMin}
          onChange={(e) => set('goldsteinMin', e.target.value)}
          size={4}
        />{' '}
        to{' '}
        <input
          name="goldsteinMax"
          value={draft.goldsteinMax}
          onChange={(e) => set('goldsteinMax', e.target.value)}
          size={4}
        />{' '}
        {problem('goldsteinMin')} {problem('goldsteinMax')}
      </label>
      <fieldset data-testid="rule-modalities">
        <legend>Which events (default: only what happened)</legend>
        {catalog.data?.modalities.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              name="modality"
              value={m}
              checked={draft.modalities.includes(m)}
              onChange={() => toggle('modalities', m)}
            />{' '}
            {MODALITY_CHOICE[m] ?? m}
          </label>
        ))}{' '}
        {problem('modalities')}
      </fieldset>
      <label>
        Words in the evidence{' '}
        <input
          name="words"
          value={draft.words}
          onChange={(e) => set('words', e.target.value)}
          placeholder="sanctions waiver, electricity"
        />{' '}
        {problem('words')}
      </label>
      <label>
        Min. independent sources{' '}
        <input
          name="minSources"
          type="number"
          min={1}
          value={draft.minSources}
          onChange={(e) => set('minSources', e.target.value)}
          style={{ width: '5em' }}
        />{' '}
        {problem('minSources')}
      </label>
      <fieldset>
        <legend>Deliver to</legend>
        <label className="check">
          <input
            type="checkbox"
            name="deliverToQueue"
            checked={draft.deliverToQueue}
            onChange={(e) => set('deliverToQueue', e.target.checked)}
          />{' '}
          the <code>alerts</code> queue
        </label>
        <label>
          Webhook URL{' '}
          <input
            name="webhookUrl"
            value={draft.webhookUrl}
            onChange={(e) => set('webhookUrl', e.target.value)}
            placeholder="https://…"
            size={40}
          />{' '}
          {problem('webhookUrl')}
        </label>
        {draft.webhookUrl && (
          <label>
            Secret{' '}
            <input
              name="webhookSecret"
              value={draft.webhookSecret}
              onChange={(e) => set('webhookSecret', e.target.value)}
              placeholder="whsec_… (empty: the server makes one)"
              size={40}
            />{' '}
            {problem('webhookSecret')}
          </label>
        )}
        {problem('delivery')}
        <label className="check">
          <input
            type="checkbox"
            name="notifyOnUpdate"
            checked={draft.notifyOnUpdate}
            onChange={(e) => set('notifyOnUpdate', e.target.checked)}
          />{' '}
          also deliver when an alert changes (more sources), not only when raised or retracted
        </label>
      </fieldset>
      {problem('rule')}
      <div>
        <button type="submit" disabled={save.isPending} data-testid="save-subscription">
          Save
        </button>
        <button type="button" className="link" onClick={onDone}>
          cancel
        </button>
      </div>
      <ErrorBox error={save.error} />
      <p className="small" data-testid="rule-preview">
        Alerts on: {describeRule(toSubscriptionBody(draft).rule)}{' '}
        <Link to="/timeline">Check it against the timeline.</Link>
      </p>
    </form>
  );
}
