import { Button } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverrideRefusal, RemoteConfig } from '../../../../protocol/fleet.ts';
import { ApiFailure, type FleetApi } from '../fleet-api.ts';
import { refusalText } from '../refusal-text.ts';

/**
 * Why the last save did not go through, kept as data and put into words on render, so switching
 * the language re-says it: the text box is not JSON, central named fields, or another failure.
 */
type Refusal =
  | { kind: 'bad-json' }
  | { kind: 'fields'; problems: OverrideRefusal['problems'] }
  | { kind: 'failure'; message: string };

/**
 * The station-level overrides as JSON, with what the station gets now beside it. A refusal lists
 * every field central named, next to the text box it belongs to.
 */
export function OverrideForm(props: { api: FleetApi; stationId: string; current: RemoteConfig; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('{}');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    let overrides: unknown;
    try {
      overrides = JSON.parse(text);
    } catch {
      setRefusal({ kind: 'bad-json' });
      return;
    }
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
      setRefusal({ kind: 'bad-json' });
      return;
    }
    try {
      const version = await props.api.setOverrides({
        level: 'station',
        target: props.stationId,
        overrides: overrides as Record<string, unknown>,
      });
      setRefusal(null);
      setSaved(version.version);
      props.onSaved();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      setRefusal(
        failure && failure.problems.length > 0
          ? { kind: 'fields', problems: failure.problems }
          : { kind: 'failure', message: (error as Error).message },
      );
    }
  };
  const problems =
    refusal === null
      ? []
      : refusal.kind === 'bad-json'
        ? [t('overrides.badJson')]
        : refusal.kind === 'fields'
          ? refusal.problems.map((p) => refusalText(i18n, p))
          : [refusal.message];
  return (
    <form className="fl-card fl-form" onSubmit={(event) => void submit(event)} aria-labelledby="overrides-title">
      <h3 id="overrides-title">{t('overrides.title')}</h3>
      <p>{t('overrides.current', { version: props.current.version })}</p>
      <pre className="fl-json" data-testid="fleet-current-config">
        {JSON.stringify(props.current.overrides, null, 2)}
      </pre>
      <label>
        {t('overrides.json')}
        <textarea
          id="overrides-json"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="overrides-hint overrides-problems"
          aria-invalid={problems.length > 0}
        />
      </label>
      <p id="overrides-hint" className="fl-sub">
        {t('overrides.hint')}
      </p>
      <div id="overrides-problems" role="alert" className="fl-problems-box">
        {problems.length > 0 ? (
          <>
            <p>{t('overrides.refused')}</p>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <Button type="submit">{t('overrides.save')}</Button>
      <p role="status">{saved !== null ? t('overrides.saved', { version: saved }) : null}</p>
    </form>
  );
}
