import { type ReactNode, createContext, useContext, useState } from 'react';
import type { EventView } from '#read-models/contracts';

// Only what happened counts as happened: the API answers with asserted events
// unless asked. The switch in the top bar asks for the others (future,
// hypothetical, negated) on every page at once; they are then always labelled
// and styled apart, never mistaken for events that happened.

type Modality = EventView['modality'];

const KEY = 'newsledger.showAllModalities';

interface ModalityState {
  showAll: boolean;
  setShowAll(on: boolean): void;
  /** The `modality` query parameter for the API: `all` when shown, nothing (asserted only) when not. */
  param: 'all' | undefined;
}

const ModalityContext = createContext<ModalityState>({ showAll: false, setShowAll: () => undefined, param: undefined });

export function ModalityProvider({ children }: { children: ReactNode }) {
  const [showAll, set] = useState(() => localStorage.getItem(KEY) === 'true');
  const setShowAll = (on: boolean) => {
    localStorage.setItem(KEY, String(on));
    set(on);
  };
  return (
    <ModalityContext.Provider value={{ showAll, setShowAll, param: showAll ? 'all' : undefined }}>
      {children}
    </ModalityContext.Provider>
  );
}

export const useModality = () => useContext(ModalityContext);

export function ModalitySwitch() {
  const { showAll, setShowAll } = useModality();
  return (
    <label
      className="modality-switch"
      title="Future, hypothetical and negated events: shown only when asked for, and always labelled"
    >
      <input
        type="checkbox"
        data-testid="modality-switch"
        checked={showAll}
        onChange={(e) => setShowAll(e.target.checked)}
      />{' '}
      show events that did not happen
    </label>
  );
}

const LABEL: Record<Modality, string> = {
  asserted: 'happened',
  future: 'future',
  hypothetical: 'hypothetical',
  negated: 'did not happen',
};
const TITLE: Record<Modality, string> = {
  asserted: 'asserted: the article says it happened or is happening',
  future: 'future: scheduled, planned or expected, not happened yet',
  hypothetical: 'hypothetical: could, would, if — the content of a threat or a condition',
  negated: 'negated: did not happen, or was denied',
};

/** A label for every event that did not (yet) happen; nothing for asserted ones (they are the norm). */
export function ModalityBadge({ modality, always = false }: { modality: string; always?: boolean }) {
  const m = (modality in LABEL ? modality : 'asserted') as Modality;
  if (m === 'asserted' && !always) return null;
  return (
    <span className={`badge modality modality-${m}`} data-testid="modality-badge" data-modality={m} title={TITLE[m]}>
      {LABEL[m]}
    </span>
  );
}

/** The CSS class of a row, card or highlight of an event of this modality. */
export const modalityClass = (modality: string) => (modality === 'asserted' ? '' : `not-asserted modality-${modality}`);
