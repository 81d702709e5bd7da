import { Button, Notification } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FLEET_ACTION_KINDS, type FleetActionKind, type FleetActionRequest } from '../../../../protocol/fleet.ts';
import type { FleetApi } from '../fleet-api.ts';

/** `YYYY-MM-DDTHH:MM` in Helsinki → UTC minute on the wire, through the browser's own zone rules. */
function helsinkiLocalToUtcMinute(local: string): string {
  const guess = new Date(`${local}:00Z`);
  const inHelsinki = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Helsinki' }));
  const inUtc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offset = inHelsinki.getTime() - inUtc.getTime();
  return new Date(guess.getTime() - offset).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Queue an action for this station or its whole site: restart, reset, a welcome message, out of order. */
export function ActionForm(props: { api: FleetApi; stationId: string; site: string; onQueued: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FleetActionKind>('welcome-message');
  const [scope, setScope] = useState<'station' | 'site'>('station');
  const [fi, setFi] = useState('');
  const [sv, setSv] = useState('');
  const [en, setEn] = useState('');
  const [until, setUntil] = useState('');
  const [on, setOn] = useState(true);
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const action = (): FleetActionRequest => {
    if (kind === 'welcome-message')
      return {
        kind,
        text: { fi, ...(sv ? { sv } : {}), ...(en ? { en } : {}) },
        until: until ? helsinkiLocalToUtcMinute(until) : '',
      };
    if (kind === 'out-of-order') return { kind, on, reason: on ? reason : null };
    return { kind };
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await props.api.queue({
        target: scope === 'station' ? { station: props.stationId } : { site: props.site },
        action: action(),
      });
      setResult({ ok: true, message: t('actions.queued') });
      props.onQueued();
    } catch (error) {
      setResult({ ok: false, message: t('actions.failed', { message: (error as Error).message }) });
    }
  };
  return (
    <form className="fl-card fl-form" onSubmit={(event) => void submit(event)} aria-labelledby="actions-title">
      <h3 id="actions-title">{t('actions.title')}</h3>
      <label>
        {t('actions.kind')}
        <select id="action-kind" value={kind} onChange={(e) => setKind(e.target.value as FleetActionKind)}>
          {FLEET_ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`actions.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'welcome-message' ? (
        <>
          <label>
            {t('actions.messageFi')}
            <input
              id="message-fi"
              lang="fi"
              value={fi}
              onChange={(e) => setFi(e.target.value)}
              maxLength={200}
              required
            />
          </label>
          <label>
            {t('actions.messageSv')}
            <input id="message-sv" lang="sv" value={sv} onChange={(e) => setSv(e.target.value)} maxLength={200} />
          </label>
          <label>
            {t('actions.messageEn')}
            <input id="message-en" lang="en" value={en} onChange={(e) => setEn(e.target.value)} maxLength={200} />
          </label>
          <label>
            {t('actions.until')}
            <input
              id="message-until"
              type="datetime-local"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
              required
            />
          </label>
        </>
      ) : null}
      {kind === 'out-of-order' ? (
        <>
          <label className="fl-check">
            <input id="out-of-order-on" type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
            {t('actions.outOfOrderOn')}
          </label>
          {on ? (
            <label>
              {t('actions.reason')}
              <input
                id="out-of-order-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={200}
                required
              />
            </label>
          ) : null}
        </>
      ) : null}
      <fieldset className="fl-radios">
        <legend>{t('actions.scope')}</legend>
        <label className="fl-check">
          <input type="radio" name="scope" checked={scope === 'station'} onChange={() => setScope('station')} />
          {t('actions.scopeStation')}
        </label>
        <label className="fl-check">
          <input type="radio" name="scope" checked={scope === 'site'} onChange={() => setScope('site')} />
          {t('actions.scopeSite', { site: props.site })}
        </label>
      </fieldset>
      <Button type="submit">{t('actions.submit')}</Button>
      <div role="status">
        {result ? (
          <Notification type={result.ok ? 'success' : 'error'} label={result.message}>
            {null}
          </Notification>
        ) : null}
      </div>
    </form>
  );
}
