import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../protocol/events.ts';
import { describeElement, ReadAloud } from './read-aloud.ts';

/**
 * While the read-aloud mode is on, speaks the control that gets keyboard focus and any text the
 * visitor selects in the shell. Switching the mode off, or the session ending, stops speech at once.
 * Does nothing where the browser has no speech synthesis (the switch then still works, silently).
 * Returns a function that speaks a given text in the current language.
 */
export function useReadAloud(enabled: boolean, language: Language): (text: string) => void {
  const { t } = useTranslation();
  // Made on first use, not at the first render: the first read of `window.speechSynthesis` sets
  // up the browser's speech service, work the welcome screen should not wait for when the mode is off.
  const made = useRef<ReadAloud | null | undefined>(undefined);
  const reader = useCallback((): ReadAloud | null => {
    if (made.current === undefined)
      made.current =
        'speechSynthesis' in window
          ? new ReadAloud(window.speechSynthesis, (text) => new SpeechSynthesisUtterance(text))
          : null;
    return made.current;
  }, []);
  const on = t('a11y.on');
  const off = t('a11y.off');

  useEffect(() => {
    if (!enabled) {
      made.current?.stop(); // nothing was ever spoken when it was never made
      return;
    }
    const speaker = reader();
    if (!speaker) return;
    const doc = document;
    const words = { on, off };
    // Say where the visitor is right away, so switching the mode on is itself confirmed aloud.
    if (doc.activeElement && doc.activeElement !== doc.body)
      speaker.say(describeElement(doc.activeElement, words), language);

    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof Element) speaker.say(describeElement(event.target, words), language);
    };
    // A toggle's state changes after the click; speak the new state once React has rendered it.
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target.closest('[aria-checked],[aria-pressed]') : null;
      if (target) requestAnimationFrame(() => speaker.say(describeElement(target, words), language));
    };
    let lastSelection = '';
    const onSelectionEnd = () => {
      const selected = window.getSelection()?.toString() ?? '';
      if (selected.trim() && selected !== lastSelection) speaker.say(selected, language);
      lastSelection = selected;
    };
    doc.addEventListener('focusin', onFocus);
    doc.addEventListener('click', onClick);
    doc.addEventListener('mouseup', onSelectionEnd);
    doc.addEventListener('keyup', onSelectionEnd);
    return () => {
      doc.removeEventListener('focusin', onFocus);
      doc.removeEventListener('click', onClick);
      doc.removeEventListener('mouseup', onSelectionEnd);
      doc.removeEventListener('keyup', onSelectionEnd);
      speaker.stop();
    };
  }, [reader, enabled, language, on, off]);

  // For text the shell cannot see itself, e.g. the selection inside an e-service (toolbar button).
  return useCallback((text: string) => void reader()?.say(text, language), [reader, language]);
}
