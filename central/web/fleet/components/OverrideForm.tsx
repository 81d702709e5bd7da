import { Button } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteConfig } from '../../../../protocol/fleet.ts';
import { ApiFailure, type FleetApi } from '../fleet-api.ts';

/**
 * The station-level overrides as JSON, with what the station gets now beside it. A refusal lists
 * every field central named, next to the text box it belongs to.
 */
export function OverrideForm(props: { api: FleetApi; stationId: string; current: RemoteConfig; onSaved: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('{}');
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    let overrides: unknown;
    try {
      overrides = JSON.parse(text);
    } catch {
      setProblems([t('overrides.badJson')]);
      return;
    }
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
      setProblems([t('overrides.badJson')]);
      return;
    }
    try {
      const version = await props.api.setOverrides({
        level: 'station',
        target: props.stationId,
        overrides: overrides as Record<string, unknown>,
      });
      setProblems([]);
      setSaved(version.version);
      props.onSaved();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      setProblems(
        failure && failure.problems.length > 0
          ? failure.problems.map((p) => `${p.field}: ${p.message}`)
          : [(error as Error).message],
      );
    }
  };
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
