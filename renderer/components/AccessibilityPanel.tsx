import { useTranslation } from 'react-i18next';
import { ClosableDialog } from './ClosableDialog.tsx';
import type { AccessibilitySettings, KioskApi, StationView } from '../../protocol/ipc.ts';

const TEXT_SIZES = [100, 125, 150, 200] as const;
const MORE_TIME = [1, 2, 4] as const;
const SWITCHES = ['highContrast', 'readableFont', 'readAloud', 'reducedMotion', 'largePointer'] as const;

/**
 * One panel for every accessibility mode, reachable from the welcome screen and the toolbar.
 * Each choice applies at once (the visitor sees the effect while choosing) and is reset at the
 * end of the session.
 */
export function AccessibilityPanel({
  view,
  kiosk,
  isOpen,
  close,
}: {
  view: StationView;
  kiosk: KioskApi;
  isOpen: boolean;
  close: () => void;
}) {
  const { t } = useTranslation();
  const a11y = view.accessibility;
  const set = (patch: Partial<AccessibilitySettings>) => void kiosk.invoke('accessibility:set', patch);
  return (
    <ClosableDialog
      id="a11y-panel"
      title={t('a11y.title')}
      isOpen={isOpen}
      close={close}
      scrollable
      closeLabel={t('a11y.close')}
    >
      <fieldset className="choice-group">
        <legend>{t('a11y.textSize')}</legend>
        {TEXT_SIZES.map((size) => (
          <button
            key={size}
            type="button"
            className="choice"
            aria-pressed={a11y.textScalePercent === size}
            onClick={() => set({ textScalePercent: size })}
          >
            {size} %
          </button>
        ))}
      </fieldset>
      <ul className="switch-list" role="list">
        {SWITCHES.map((key) => (
          <li key={key}>
            <button
              type="button"
              role="switch"
              className="switch"
              aria-checked={a11y[key]}
              onClick={() => set({ [key]: !a11y[key] })}
            >
              <span className="switch-track" aria-hidden="true">
                <span className="switch-thumb" />
              </span>
              {t(`a11y.${key}`)}
            </button>
          </li>
        ))}
      </ul>
      <fieldset className="choice-group">
        <legend>{t('a11y.moreTime')}</legend>
        {MORE_TIME.map((factor) => (
          <button
            key={factor}
            type="button"
            className="choice"
            aria-pressed={a11y.moreTime === factor}
            onClick={() => set({ moreTime: factor })}
          >
            {factor === 1 ? t('a11y.moreTimeNormal') : `× ${factor}`}
          </button>
        ))}
      </fieldset>
      <p>{t('a11y.resetNote')}</p>
    </ClosableDialog>
  );
}
