import {
  IconAlertCircle,
  IconFaceNeutral,
  IconFaceSad,
  IconFaceSmile,
  IconGlobe,
  IconGroup,
  IconLock,
  IconQuestionCircle,
  IconSearch,
  IconSize,
} from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_OUTCOMES,
  FEEDBACK_REASONS,
  type FeedbackOutcome,
  type FeedbackReason,
} from '../../protocol/events.ts';
import type { FeedbackQuestion as Question, KioskApi, StationPhase } from '../../protocol/ipc.ts';
import './feedback-question.css';

const OUTCOME_ICONS = { yes: IconFaceSmile, partly: IconFaceNeutral, no: IconFaceSad } as const;
const REASON_ICONS = {
  login: IconLock,
  'service-broken': IconAlertCircle,
  'not-found': IconSearch,
  language: IconGlobe,
  'needed-help': IconGroup,
  other: IconQuestionCircle,
} as const satisfies Record<FeedbackReason, unknown>;

/**
 * "Did you get done what you came to do?" over the reset screen (issue 14): Yes / Partly / No as
 * three large buttons; after Partly or No one optional tap for what got in the way. "Skip" is
 * always there, and the station closes the question by itself. The wipe runs underneath.
 *
 * Focus goes to the question's heading when it appears and on each step, so a screen reader and
 * read-aloud (which speaks what gets focus) say the question first. The reset screen's own heading
 * would take focus when the reset finishes (`useScreenFocus`); the question keeps it instead, or
 * keeps the button the visitor was on.
 */
export function FeedbackQuestion({
  question,
  phase,
  kiosk,
  onAnswered,
}: {
  question: Question;
  phase: StationPhase;
  kiosk: KioskApi;
  /** The visitor gave a final answer (the screen then thanks them). */
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Runs before the screen-focus effect of the same render; the microtask runs after it.
    const active = document.activeElement;
    const keep = active instanceof HTMLButtonElement && section.current?.contains(active) ? active : null;
    queueMicrotask(() => {
      if (keep) return keep.focus({ preventScroll: true });
      // At 200 % text the question is below the fold of the erased screen: bring it up.
      section.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus({ preventScroll: true });
    });
  }, [phase, question.step]);

  const answer = (outcome: FeedbackOutcome, reason?: FeedbackReason) => {
    if (outcome === 'yes' || reason) onAnswered();
    void kiosk.invoke('feedback:answer', reason ? { outcome, reason } : { outcome });
  };
  const onReasonStep = question.step === 'reason' && question.outcome !== null;
  return (
    <section ref={section} className="feedback" aria-labelledby="feedback-heading">
      {onReasonStep ? (
        <>
          <h2 id="feedback-heading" ref={heading} tabIndex={-1} className="feedback-title">
            {t('feedback.reasonQuestion')}
          </h2>
          <p className="feedback-hint">{t('feedback.reasonHint')}</p>
          <ul className="feedback-choices feedback-reasons" role="list">
            {FEEDBACK_REASONS.map((reason) => {
              const Icon = REASON_ICONS[reason];
              return (
                <li key={reason}>
                  <button
                    type="button"
                    className="feedback-choice"
                    data-reason={reason}
                    onClick={() => answer(question.outcome ?? 'no', reason)}
                  >
                    <Icon aria-hidden="true" size={IconSize.Medium} />
                    <span>{t(`feedback.reasons.${reason}`)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <>
          <h2 id="feedback-heading" ref={heading} tabIndex={-1} className="feedback-title">
            {t('feedback.question')}
          </h2>
          <ul className="feedback-choices feedback-outcomes" role="list">
            {FEEDBACK_OUTCOMES.map((outcome) => {
              const Icon = OUTCOME_ICONS[outcome];
              return (
                <li key={outcome}>
                  <button
                    type="button"
                    className="feedback-choice feedback-outcome"
                    data-outcome={outcome}
                    onClick={() => answer(outcome)}
                  >
                    <Icon aria-hidden="true" size={IconSize.ExtraLarge} />
                    <span>{t(`feedback.outcomes.${outcome}`)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <button type="button" className="feedback-skip" onClick={() => void kiosk.invoke('feedback:skip')}>
        {t('feedback.skip')}
      </button>
      <p className="feedback-hint">{t('feedback.anonymous')}</p>
    </section>
  );
}
