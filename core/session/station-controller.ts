/**
 * The station controller: one visitor's visit from welcome screen to wiped.
 *
 * It owns the session state machine and the idle policy, decides what the shell shows
 * (`StationView`), and tells the host what to do through ports. It knows nothing about Electron
 * or the DOM, so the same code runs in Electron main and in the browser preview, and is unit
 * tested with a manual clock.
 *
 * Phases: welcome → in-session ⇄ idle-warning → resetting → reset-done → welcome.
 * A session (random id, settings changes, metrics) begins with the visitor's first action, even
 * on the welcome screen, so a language picked by someone who then walked away is also reset.
 */
import type {
  AccessibilityMode,
  FeedbackOutcome,
  FeedbackReason,
  Language,
  SessionEndReason,
} from '../../protocol/events.ts';
import type { HelpDraft, HelpStatusView, OpeningStatus } from '../../protocol/help.ts';
import {
  activeModes,
  DEFAULT_ACCESSIBILITY,
  type AccessibilitySettings,
  type FeedbackQuestion,
  type IpcHandlers,
  type SessionFile,
  type StationPhase,
  type StationView,
} from '../../protocol/ipc.ts';
import type { OpeningHoursConfig, ServiceConfig, StationConfig } from '../config/schema.ts';
import { openingStatus } from '../help/opening-hours.ts';
import type { ScreenShareSession } from '../screen-share/screen-share-session.ts';
import { localize } from '../i18n/localize.ts';
import type { Clock, IdSource, MetricsSink, TimerHandle } from '../ports.ts';
import {
  RECYCLE_EXIT_CODES,
  recycleReason,
  runResetPlan,
  type RecycleReason,
  type ResetExecutor,
  type ResetOutcome,
} from './reset-plan.ts';

/** The e-service views, as the host manages them. */
export interface ServiceViews {
  /** Shows the service in the current visitor partition, opening it at its start URL. */
  open(service: ServiceConfig): Promise<void>;
  /** Goes back in the e-service's history; resolves false when there is nothing to go back to. */
  back(): Promise<boolean>;
  /** Hides e-services so the launcher shows (views stay open until reset). */
  showLauncher(): Promise<void>;
  /** Moves keyboard focus into the visible e-service. */
  focus(): void;
  /** Applies text size and contrast inside e-services. */
  applyAccessibility(settings: AccessibilitySettings): void;
}

/** Help requests as the controller needs them (implemented by core/help's client or OfflineHelp). */
export interface HelpPort {
  current(): HelpStatusView;
  /** Calls the listener whenever `current()` changes; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  request(
    draft: HelpDraft,
    context: {
      language: Language;
      accessibilityModes: AccessibilityMode[];
      serviceId: string | null;
      sessionId: string;
    },
  ): Promise<void>;
  cancel(): Promise<void>;
  sendMessage(text: string): Promise<void>;
  dismiss(): void;
  /** The session is being wiped: cancel any open request and forget it. */
  resetSession(): Promise<void>;
  /** True while an advisor is helping; the idle reset must not fire then. */
  advisorHelping(): boolean;
  /** The consented screen view of the open request (issue 16); null where there is no central. */
  screenShare(): ScreenShareSession | null;
}

/** Everything the controller needs from its host. */
export interface StationHostPorts {
  clock: Clock;
  newId: IdSource;
  metrics: MetricsSink;
  views: ServiceViews;
  reset: ResetExecutor;
  help: HelpPort;
  /** Current memory use of the whole app in MB, or null where it cannot be measured. */
  memoryUsageMb(): Promise<number | null>;
  /** Ends the process so the supervisor starts a fresh one. */
  exitForRestart(reason: RecycleReason): void;
  host: StationView['host'];
  /** Logs without personal data (never URLs or typed text). */
  log(message: string, details?: Record<string, unknown>): void;
}

interface VisitorSession {
  id: string;
  startedAt: number;
  /** Ids of the services opened in this visit, for the feedback events (ids only, as in `service.opened`). */
  servicesOpened: Set<string>;
}

/**
 * The open "Did you get it done?" question. It outlives the visit it asks about: the visit's id and
 * its services are kept here, in memory only, until the answer is recorded or the question closes.
 */
interface OpenFeedback {
  sessionId: string;
  serviceIds: string[];
  outcome: FeedbackOutcome | null;
  closesAt: number;
  timer: TimerHandle;
}

const MINUTE_MS = 60_000;

/** Whether each help contact is open now (null: the config gives it no structured opening hours). */
interface OpeningStatuses {
  phone: OpeningStatus | null;
  inPerson: OpeningStatus | null;
}

export class StationController {
  private phase: StationPhase = 'welcome';
  private language: Language;
  private accessibility: AccessibilitySettings = { ...DEFAULT_ACCESSIBILITY };
  private session: VisitorSession | null = null;
  private activeServiceId: string | null = null;
  private blockedNotice: StationView['blockedNotice'] = null;
  private files: SessionFile[] = [];
  private idleResetAt: number | null = null;
  private lastActivityAt = 0;
  private timer: TimerHandle | null = null;
  private sessionsSinceStart = 0;
  private lastResetOutcome: ResetOutcome | null = null;
  /** The phase the idle warning interrupted, so "Continue" returns there. */
  private resumePhase: 'welcome' | 'in-session' = 'welcome';
  private feedback: OpenFeedback | null = null;
  /** The reset-done screen has had its time; the welcome screen waits only for the question to close. */
  private resetDoneShown = false;
  private readonly listeners = new Set<(view: StationView) => void>();
  /** The help contacts' "open now, until …" / "opens … at …" lines, kept current by `armOpeningRefresh`. */
  private openingStatuses: OpeningStatuses;

  constructor(
    private readonly config: StationConfig,
    private readonly ports: StationHostPorts,
  ) {
    this.language = config.defaultLanguage;
    this.openingStatuses = this.currentOpeningStatuses();
    this.armOpeningRefresh();
    // A claimed help request pauses idle; its end re-arms it. Status changes also redraw the UI.
    ports.help.subscribe(() => {
      this.armIdleTimer();
      this.emit();
    });
  }

  /** The IPC handler table; the compiler checks there is one handler per channel. */
  handlers(): IpcHandlers {
    return {
      'station:get-view': () => this.view(),
      'session:start': () => this.start(),
      'session:end': ({ reason }) => this.end(reason),
      'session:extend': () => this.extend(),
      'session:activity': () => this.activity(),
      'language:set': ({ language }) => this.setLanguage(language),
      'accessibility:set': (patch) => this.setAccessibility(patch),
      'service:open': ({ serviceId }) => this.openService(serviceId),
      'service:home': () => this.home(),
      'service:back': () => this.back(),
      'service:focus': () => this.ports.views.focus(),
      'help:request': (draft) => this.requestHelp(draft),
      'help:cancel': () => this.ports.help.cancel(),
      'help:send-message': ({ text }) => this.ports.help.sendMessage(text),
      'help:dismiss': () => this.ports.help.dismiss(),
      'feedback:answer': ({ outcome, reason }) => this.answerFeedback(outcome, reason),
      'feedback:skip': () => this.closeFeedback(),
      'screen:answer': ({ allow }) => this.ports.help.screenShare()?.answer(allow),
      'screen:signal': ({ kind, data }) => this.ports.help.screenShare()?.sendSignal(kind, data),
      'screen:stop': ({ reason }) => this.ports.help.screenShare()?.stop(reason),
      'screen:dismiss': () => this.ports.help.screenShare()?.dismiss(),
    } satisfies IpcHandlers;
  }

  subscribe(listener: (view: StationView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What the shell shows now. */
  view(): StationView {
    const lang = this.language;
    const t = (texts: { fi: string } & Partial<Record<string, string>>) => localize(texts, lang).text;
    return {
      phase: this.phase,
      language: lang,
      defaultLanguage: this.config.defaultLanguage,
      accessibility: { ...this.accessibility },
      services: this.config.services.map((s) => {
        const name = localize(s.name, lang);
        return {
          id: s.id,
          category: s.category,
          icon: s.icon,
          name: name.text,
          purpose: t(s.purpose),
          textLanguage: name.language,
        };
      }),
      activeServiceId: this.activeServiceId,
      idleResetAt: this.idleResetAt,
      blockedNotice: this.blockedNotice,
      files: this.files.map((f) => ({ ...f })),
      help: this.ports.help.current(),
      screenShare: this.ports.help.screenShare()?.current() ?? { phase: 'off' },
      helpContacts: {
        phone: this.config.help.phone.number,
        phoneHours: t(this.config.help.phone.hours),
        inPersonPlace: t(this.config.help.inPerson.place),
        inPersonHours: t(this.config.help.inPerson.hours),
        phoneStatus: this.openingStatuses.phone,
        inPersonStatus: this.openingStatuses.inPerson,
      },
      locationName: t(this.config.location.name),
      outOfOrder: null,
      host: this.ports.host,
      feedback: this.feedbackView(),
    };
  }

  /**
   * The visitor answered "Did you get it done?". Yes, or Partly/No with a reason, is final; Partly
   * or No alone moves to the reason step, with the question's full time again.
   */
  answerFeedback(outcome: FeedbackOutcome, reason?: FeedbackReason): void {
    const open = this.feedback;
    if (!open) return;
    open.outcome = outcome;
    if (outcome === 'yes' || reason !== undefined) {
      this.closeFeedback(outcome === 'yes' ? undefined : reason);
      return;
    }
    this.ports.clock.clearTimeout(open.timer);
    this.scheduleFeedbackClose(open);
    this.emit();
  }

  /**
   * Closes the question ("Skip", its time ran out, or the final answer): records the answer given
   * so far, if any, under the visit it was about, then lets the welcome screen come back.
   */
  closeFeedback(reason?: FeedbackReason): void {
    const open = this.feedback;
    if (!open) return;
    this.feedback = null;
    this.ports.clock.clearTimeout(open.timer);
    if (open.outcome) {
      const answer = { outcome: open.outcome, ...(reason ? { reason } : {}) };
      // The visit is already wiped; the events carry its id so central can tie the answer to the
      // services opened in it. The recorder writes them to the durable queue like any other event.
      this.ports.metrics.record({ type: 'feedback.given', sessionId: open.sessionId, ...answer });
      for (const serviceId of open.serviceIds)
        this.ports.metrics.record({ type: 'feedback.service', sessionId: open.sessionId, serviceId, ...answer });
    }
    if (this.resetDoneShown) this.backToWelcome();
    else this.emit();
  }

  private currentOpeningStatuses(): OpeningStatuses {
    const now = this.ports.clock.now();
    const of = (hours: OpeningHoursConfig | undefined) => (hours ? openingStatus(hours, now) : null);
    return { phone: of(this.config.help.phone.openingHours), inPerson: of(this.config.help.inPerson.openingHours) };
  }

  /**
   * Recomputes the opening statuses at every full minute (the finest step opening hours have) and
   * pushes a new view when one changed, so a help card left open says "closed" from the minute the
   * line closes, not only after the visitor does something else. Without opening hours, no timer.
   * The timer lives as long as the station, like the station itself.
   */
  private armOpeningRefresh(): void {
    const { phone, inPerson } = this.config.help;
    if (!phone.openingHours && !inPerson.openingHours) return;
    const clock = this.ports.clock;
    clock.setTimeout(
      () => {
        const next = this.currentOpeningStatuses();
        const changed = JSON.stringify(next) !== JSON.stringify(this.openingStatuses);
        this.openingStatuses = next;
        if (changed) this.emit();
        this.armOpeningRefresh();
      },
      MINUTE_MS - (clock.now() % MINUTE_MS),
    );
  }

  /** The visitor pressed "start" on the welcome screen. */
  start(): void {
    if (this.phase !== 'welcome') return;
    this.ensureSession();
    this.phase = 'in-session';
    this.armIdleTimer();
    this.emit();
  }

  /** Any input from the visitor, in the shell or in an e-service. Does not dismiss the warning. */
  activity(): void {
    this.lastActivityAt = this.ports.clock.now();
  }

  /** "Continue" on the idle warning. */
  extend(): void {
    if (this.phase !== 'idle-warning') return;
    this.phase = this.resumePhase;
    this.idleResetAt = null;
    this.lastActivityAt = this.ports.clock.now();
    this.armIdleTimer();
    this.emit();
  }

  setLanguage(language: Language): void {
    if (!this.acceptsVisitorInput()) return;
    this.ensureSession();
    if (language === this.language) return;
    this.language = language;
    this.record({ type: 'language.chosen', language });
    this.emit();
  }

  setAccessibility(patch: { [K in keyof AccessibilitySettings]?: AccessibilitySettings[K] | undefined }): void {
    if (!this.acceptsVisitorInput()) return;
    this.ensureSession();
    const before = new Set(activeModes(this.accessibility));
    const next = { ...this.accessibility };
    for (const key of Object.keys(patch) as (keyof AccessibilitySettings)[]) {
      const value = patch[key];
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    }
    this.accessibility = next;
    const after = new Set(activeModes(this.accessibility));
    for (const mode of after)
      if (!before.has(mode)) this.record({ type: 'accessibility.changed', mode, enabled: true });
    for (const mode of before)
      if (!after.has(mode)) this.record({ type: 'accessibility.changed', mode, enabled: false });
    this.ports.views.applyAccessibility(this.accessibility);
    this.armIdleTimer(); // "more time" changes the idle limit
    this.emit();
  }

  async openService(serviceId: string): Promise<void> {
    if (!this.acceptsVisitorInput()) return;
    const service = this.config.services.find((s) => s.id === serviceId);
    if (!service) throw new Error(`unknown service ${serviceId}`);
    if (this.phase === 'welcome') this.start();
    this.activeServiceId = service.id;
    this.blockedNotice = null;
    this.record({ type: 'service.opened', serviceId: service.id });
    this.session?.servicesOpened.add(service.id);
    this.emit();
    await this.ports.views.open(service);
  }

  async home(): Promise<void> {
    if (this.phase !== 'in-session') return;
    this.activeServiceId = null;
    this.blockedNotice = null;
    this.emit();
    await this.ports.views.showLauncher();
  }

  async back(): Promise<void> {
    if (this.phase !== 'in-session') return;
    if (this.blockedNotice) {
      // "Back" from the not-available notice returns to the page the visitor was on.
      this.blockedNotice = null;
      this.emit();
      return;
    }
    const wentBack = this.activeServiceId !== null && (await this.ports.views.back());
    if (!wentBack) await this.home();
  }

  /** The host refused a navigation inside an e-service. */
  navigationBlocked(serviceId: string): void {
    if (!this.session) return;
    this.blockedNotice = { serviceId };
    this.record({ type: 'navigation.blocked', serviceId });
    this.emit();
  }

  /**
   * The machine woke from sleep or hibernation. Whoever used it before may be long gone and the
   * idle timer did not run while it slept, so their visit is wiped before anyone sees it.
   */
  async machineResumed(): Promise<void> {
    if (!this.session && this.phase !== 'idle-warning') return;
    this.ports.log('machine resumed from sleep; ending the visit');
    await this.end('idle');
  }

  /** True when no visitor is using the station (the welcome screen, nothing started). */
  waitingForVisitor(): boolean {
    return this.phase === 'welcome' && this.session === null;
  }

  /** The host's download list changed. */
  setFiles(files: SessionFile[]): void {
    this.files = files.map((f) => ({ ...f }));
    this.emit();
  }

  async requestHelp(draft: HelpDraft): Promise<void> {
    if (this.phase === 'resetting' || this.phase === 'reset-done') return;
    const session = this.ensureSession();
    await this.ports.help.request(draft, {
      language: this.language,
      accessibilityModes: activeModes(this.accessibility),
      serviceId: this.activeServiceId,
      sessionId: session.id,
    });
  }

  /** Ends the visit and wipes it. Safe to call twice; the second call does nothing. */
  async end(reason: SessionEndReason): Promise<void> {
    if (this.phase === 'resetting' || this.phase === 'reset-done' || this.phase === 'out-of-order') return;
    const session = this.session;
    this.clearTimer();
    this.phase = 'resetting';
    this.idleResetAt = null;
    this.resetDoneShown = false;
    // Only someone who chose to leave is asked; an idle or admin reset asks nobody. The question
    // shows over the reset screen while the reset runs: it never holds the wipe up.
    if (session && reason === 'visitor' && this.config.feedback.enabled) this.openFeedback(session);
    this.emit();

    if (session) {
      this.record({
        type: 'session.ended',
        durationSeconds: Math.min(24 * 3600, Math.round((this.ports.clock.now() - session.startedAt) / 1000)),
        endedBy: reason,
      });
    }
    try {
      await this.ports.help.resetSession();
    } catch (error) {
      this.ports.log('help request could not be cancelled at reset', { error: String(error) });
    }
    const outcome = await runResetPlan(this.ports.reset);
    this.lastResetOutcome = outcome;
    for (const failure of outcome.failed)
      this.ports.log('reset step failed', { step: failure.step, message: failure.message });

    this.session = null;
    this.activeServiceId = null;
    this.blockedNotice = null;
    this.files = [];
    this.sessionsSinceStart += 1;

    const recycle = recycleReason({
      sessionsSinceStart: this.sessionsSinceStart,
      maxSessionsBeforeRestart: this.config.recycle.maxSessionsBeforeRestart,
      memoryMb: await this.ports.memoryUsageMb().catch(() => null),
      memoryCeilingMb: this.config.recycle.memoryCeilingMb,
      outcome,
    });

    this.phase = 'reset-done';
    this.emit();
    if (recycle) {
      // The exit comes at once, also with the question open: the restarted shell shows the welcome
      // screen and that visitor's answer is not asked (one visit in `maxSessionsBeforeRestart`).
      this.ports.log('recycling the station process', { reason: recycle, exitCode: RECYCLE_EXIT_CODES[recycle] });
      this.ports.exitForRestart(recycle);
    }
    // "Everything was erased" is told in the visitor's own language and settings (so is the
    // question); then every setting returns to the station default for the next visitor.
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = null;
      this.resetDoneShown = true;
      if (!this.feedback) this.backToWelcome();
    }, this.config.idle.resetDoneScreenSeconds * 1000);
  }

  private backToWelcome(): void {
    this.language = this.config.defaultLanguage;
    this.accessibility = { ...DEFAULT_ACCESSIBILITY };
    this.ports.views.applyAccessibility(this.accessibility);
    this.phase = 'welcome';
    this.resetDoneShown = false;
    this.emit();
  }

  private openFeedback(session: VisitorSession): void {
    const open: OpenFeedback = {
      sessionId: session.id,
      serviceIds: [...session.servicesOpened],
      outcome: null,
      ...this.feedbackDeadline(),
    };
    this.feedback = open;
  }

  /** (Re)starts the question's own time, stretched by the visitor's "more time" like every limit. */
  private scheduleFeedbackClose(open: OpenFeedback): void {
    Object.assign(open, this.feedbackDeadline());
  }

  private feedbackDeadline(): { closesAt: number; timer: TimerHandle } {
    const ms = this.config.feedback.questionSeconds * 1000 * this.accessibility.moreTime;
    const closesAt = this.ports.clock.now() + ms;
    const timer = this.ports.clock.setTimeout(() => {
      if (this.feedback?.closesAt === closesAt) this.closeFeedback();
    }, ms);
    return { closesAt, timer };
  }

  private feedbackView(): FeedbackQuestion | null {
    const open = this.feedback;
    if (!open) return null;
    return { step: open.outcome ? 'reason' : 'outcome', outcome: open.outcome, closesAt: open.closesAt };
  }

  /** Failures of the last reset (for diagnostics and tests). */
  lastReset(): ResetOutcome | null {
    return this.lastResetOutcome;
  }

  private acceptsVisitorInput(): boolean {
    return this.phase === 'welcome' || this.phase === 'in-session';
  }

  private ensureSession(): VisitorSession {
    if (!this.session) {
      this.session = { id: this.ports.newId(), startedAt: this.ports.clock.now(), servicesOpened: new Set() };
      this.record({ type: 'session.started' });
    }
    this.lastActivityAt = this.ports.clock.now();
    this.armIdleTimer();
    return this.session;
  }

  private idleLimitMs(): number {
    return this.config.idle.idleWarningAfterSeconds * 1000 * this.accessibility.moreTime;
  }

  /** (Re)schedules the idle check. Activity only moves a timestamp, so input costs nothing. */
  private armIdleTimer(): void {
    if (this.phase === 'idle-warning' || this.phase === 'resetting' || this.phase === 'reset-done') return;
    this.clearTimer();
    if (!this.session || this.ports.help.advisorHelping()) return;
    const due = this.lastActivityAt + this.idleLimitMs();
    this.timer = this.ports.clock.setTimeout(() => this.onIdleCheck(), Math.max(0, due - this.ports.clock.now()));
  }

  private onIdleCheck(): void {
    this.timer = null;
    if (!this.session || this.ports.help.advisorHelping()) return;
    const idleFor = this.ports.clock.now() - this.lastActivityAt;
    if (idleFor < this.idleLimitMs()) {
      this.armIdleTimer();
      return;
    }
    const countdownMs = this.config.idle.idleCountdownSeconds * 1000 * this.accessibility.moreTime;
    this.resumePhase = this.phase === 'welcome' ? 'welcome' : 'in-session';
    this.phase = 'idle-warning';
    this.idleResetAt = this.ports.clock.now() + countdownMs;
    this.timer = this.ports.clock.setTimeout(() => {
      this.timer = null;
      void this.end('idle');
    }, countdownMs);
    this.emit();
  }

  private clearTimer(): void {
    if (this.timer !== null) this.ports.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private record(event: DistributiveOmit<Parameters<MetricsSink['record']>[0], 'sessionId'>): void {
    const sessionId = this.session?.id;
    if (!sessionId) return;
    this.ports.metrics.record({ ...event, sessionId } as Parameters<MetricsSink['record']>[0]);
  }

  private emit(): void {
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
