/**
 * The station side of "call a digital advisor": sends the request to central, follows its live
 * stream (falling back to polling while the stream is down), and keeps a `HelpStatusView` the shell
 * renders. The visitor never waits on a spinner: no answer within `answerTimeoutMs`, a network error,
 * no advisor online, or outside hours each turn into `unavailable` at once, and the shell then shows
 * the phone line and the in-person desk.
 *
 * Runtime-agnostic: no DOM, no node:*; time comes from the Clock port so tests drive it by hand.
 */
import type { AccessibilityMode, Language } from '../../protocol/events.ts';
import {
  HELP_API_PREFIX,
  HELP_SCREEN_EVENTS,
  HELP_STATION_EVENTS,
  screenAskSchema,
  screenPointerSchema,
  screenSignalSchema,
  screenStoppedEventSchema,
  helpCreateResultSchema,
  helpStationRequestSchema,
  helpStationSnapshotSchema,
  type ChatMessage,
  type HelpDraft,
  type HelpRequestCreate,
  type HelpStationRequest,
  type HelpStatusView,
  type HelpUnavailableReason,
} from '../../protocol/help.ts';
import type { Clock, MetricsSink, TimerHandle } from '../ports.ts';
import { ScreenShareSession } from '../screen-share/screen-share-session.ts';
import type { HelpPort } from '../session/station-controller.ts';
import type { Http, HttpResponse, LiveStream, LiveStreamSource } from './ports.ts';

/** What the station adds to the visitor's draft. Never a URL or page content. */
export interface HelpRequestContext {
  language: Language;
  accessibilityModes: AccessibilityMode[];
  serviceId: string | null;
  sessionId: string;
}

/** What the station host needs from the client besides the view. */
export interface HelpClientState {
  view: HelpStatusView;
  /** True while an advisor holds the request: the host must not start the idle reset. */
  advisorHelping: boolean;
}

export interface HelpClientOptions {
  http: Http;
  streams: LiveStreamSource;
  clock: Clock;
  metrics: MetricsSink;
  /** Central's base URL (e.g. `https://central.example`); null = no central, help is always unavailable. */
  centralUrl: string | null;
  /** The station's Bearer token. */
  token: string;
  /** Longest wait for any answer from central before showing the alternatives (default 4 s). */
  answerTimeoutMs?: number;
  /** Poll interval while the live stream is down; also the delay before reopening it (default 5 s). */
  pollIntervalMs?: number;
}

type Listener = (state: HelpClientState) => void;

interface OpenRequest {
  id: string;
  draft: HelpDraft;
  sessionId: string;
  createdAt: number;
  answered: boolean;
}

class TimeoutError extends Error {}

/** The help client; one per station host. Plugs into the station controller as its `HelpPort`. */
export class HelpClient implements HelpPort {
  private view: HelpStatusView = { phase: 'none' };
  private openRequest: OpenRequest | null = null;
  private pendingDraft: { draft: HelpDraft; sessionId: string } | null = null;
  private stream: LiveStream | null = null;
  private streamUp = false;
  private pollTimer: TimerHandle | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly answerTimeoutMs: number;
  private readonly pollIntervalMs: number;
  /** The consented screen view of the open request; its signalling rides on this client's calls and stream. */
  private readonly screen: ScreenShareSession;

  constructor(private readonly options: HelpClientOptions) {
    this.answerTimeoutMs = options.answerTimeoutMs ?? 4000;
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    const post = async (requestId: string, path: string, body: unknown) => {
      await this.call('POST', `/requests/${requestId}/screen/${path}`, body);
    };
    this.screen = new ScreenShareSession({
      clock: options.clock,
      link: {
        consent: (requestId, shareId, allow) => post(requestId, 'consent', { shareId, allow }),
        signal: (requestId, signal) => post(requestId, 'signal', signal),
        stop: (requestId, shareId, reason) => post(requestId, 'stop', { shareId, reason }),
      },
    });
    this.screen.subscribe(() => this.notify());
  }

  /** The screen share of the open request (`HelpPort`). */
  screenShare(): ScreenShareSession {
    return this.screen;
  }

  /** Current view and whether an advisor is helping. */
  getState(): HelpClientState {
    return { view: this.view, advisorHelping: this.view.phase === 'claimed' };
  }

  /** The view the shell renders (`HelpPort`). */
  current(): HelpStatusView {
    return this.view;
  }

  /** True while an advisor holds the request: the idle reset must not fire (`HelpPort`). */
  advisorHelping(): boolean {
    return this.view.phase === 'claimed';
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The visitor asked for help. Resolves when the view shows queued or unavailable. */
  async request(draft: HelpDraft, context: HelpRequestContext): Promise<void> {
    if (this.openRequest || this.view.phase === 'sending') return;
    this.record({ type: 'help.requested', sessionId: context.sessionId, topic: draft.topic });
    if (!this.options.centralUrl) return this.setView({ phase: 'unavailable', reason: 'unreachable', draft });
    this.pendingDraft = { draft, sessionId: context.sessionId };
    this.setView({ phase: 'sending', draft });
    const body: HelpRequestCreate = {
      ...draft,
      language: context.language,
      accessibilityModes: context.accessibilityModes,
      serviceId: context.serviceId,
      sessionId: context.sessionId,
    };
    const startedAt = this.options.clock.now();
    let result;
    try {
      const response = await this.call('POST', '/requests', body);
      if (response.status !== 200 && response.status !== 201) throw new Error(`central answered ${response.status}`);
      result = helpCreateResultSchema.parse(await response.json());
    } catch {
      // Timeout, network error, a 4xx/5xx or an unexpected answer: the visitor gets the alternatives now.
      if (this.pendingDraft?.draft === draft) this.unavailable('unreachable', draft);
      return;
    }
    // A reset or cancel while the answer was on its way wins; the request it created is cancelled.
    if (this.pendingDraft?.draft !== draft) {
      if (result.status === 'accepted')
        void this.call('POST', `/requests/${result.request.requestId}/cancel`).catch(() => {});
      return;
    }
    this.pendingDraft = null;
    if (result.status === 'unavailable') return this.unavailable(result.reason, draft);
    this.openRequest = {
      id: result.request.requestId,
      draft,
      sessionId: context.sessionId,
      createdAt: startedAt,
      answered: false,
    };
    this.apply(result.request);
    this.openStream();
  }

  /** The visitor cancelled. */
  async cancel(): Promise<void> {
    const open = this.openRequest;
    if (this.pendingDraft) {
      this.record({
        type: 'help.cancelled',
        sessionId: this.pendingDraft.sessionId,
        topic: this.pendingDraft.draft.topic,
        waitSeconds: 0,
      });
      this.pendingDraft = null;
    }
    if (!open) return this.setView({ phase: 'none' });
    this.finish();
    this.record({
      type: 'help.cancelled',
      sessionId: open.sessionId,
      topic: open.draft.topic,
      waitSeconds: this.secondsSince(open.createdAt),
    });
    this.setView({ phase: 'none' });
    try {
      await this.call('POST', `/requests/${open.id}/cancel`);
    } catch {
      // Central will expire it; the visitor has already moved on.
    }
  }

  /** Sends a chat line to the advisor (chat-here mode). */
  async sendMessage(text: string): Promise<void> {
    const open = this.openRequest;
    if (!open) return;
    try {
      const response = await this.call('POST', `/requests/${open.id}/messages`, { text });
      if (response.status !== 201) return;
      const message = (await response.json()) as ChatMessage;
      // Show the visitor's own line at once even while the stream is down.
      if (
        this.view.phase === 'claimed' &&
        this.openRequest === open &&
        !this.view.messages.some((m) => m.id === message.id)
      ) {
        this.setView({ ...this.view, messages: [...this.view.messages, message] });
      }
    } catch {
      // Not shown as sent; the visitor can write again.
    }
  }

  /** Closes a finished status (resolved or unavailable). An open request stays open. */
  dismiss(): void {
    if (this.openRequest || this.pendingDraft) return;
    this.setView({ phase: 'none' });
  }

  /** The visitor session is being reset: an open request is cancelled, nothing carries over. */
  async resetSession(): Promise<void> {
    await this.screen.stop('reset');
    await this.cancel();
    this.setView({ phase: 'none' });
  }

  /** Stops timers and streams (host shutdown). */
  dispose(): void {
    this.finish();
    this.listeners.clear();
  }

  // --- internals ---

  private apply(remote: HelpStationRequest): void {
    const open = this.openRequest;
    if (!open || remote.requestId !== open.id) return;
    switch (remote.state) {
      case 'queued':
        return this.setView({
          phase: 'queued',
          requestId: open.id,
          draft: open.draft,
          position: remote.position ?? 1,
          estimatedWaitMinutes: remote.estimatedWaitMinutes,
        });
      case 'claimed':
        if (!open.answered) {
          open.answered = true;
          this.record({
            type: 'help.answered',
            sessionId: open.sessionId,
            topic: open.draft.topic,
            waitSeconds: this.secondsSince(open.createdAt),
          });
        }
        return this.setView({
          phase: 'claimed',
          requestId: open.id,
          draft: open.draft,
          advisorFirstName: remote.advisorFirstName ?? '',
          messages: remote.messages,
        });
      case 'resolved':
        this.finish();
        return this.setView({ phase: 'resolved', draft: open.draft });
      case 'expired':
        // Nobody could come in time: show the other ways to get help rather than a silent end.
        this.finish();
        return this.setView({ phase: 'unavailable', reason: 'no-advisors', draft: open.draft });
      case 'cancelled':
        this.finish();
        return this.setView({ phase: 'none' });
    }
  }

  private unavailable(reason: HelpUnavailableReason, draft: HelpDraft): void {
    this.pendingDraft = null;
    this.setView({ phase: 'unavailable', reason, draft });
  }

  private openStream(): void {
    if (!this.openRequest || this.stream) return;
    this.stream = this.options.streams.open(this.url('/stream'), this.headers(), {
      onOpen: () => {
        this.streamUp = true;
        this.stopPolling();
      },
      onEvent: (type, data) => this.onStreamEvent(type, data),
      onError: () => {
        this.streamUp = false;
        this.stream?.close();
        this.stream = null;
        this.schedulePoll();
      },
    });
  }

  private onStreamEvent(type: string, data: string): void {
    try {
      if (type.startsWith('screen.')) this.onScreenEvent(type, JSON.parse(data) as unknown);
      if (type === HELP_STATION_EVENTS.requestUpdated) this.apply(helpStationRequestSchema.parse(JSON.parse(data)));
      if (type === HELP_STATION_EVENTS.snapshot) {
        const mine = helpStationSnapshotSchema
          .parse(JSON.parse(data))
          .requests.find((r) => r.requestId === this.openRequest?.id);
        if (mine) this.apply(mine);
        else void this.poll();
      }
    } catch {
      // A malformed event is ignored; the next event or poll carries the full state again.
    }
  }

  /** Screen-view events for the open request; anything else is ignored. */
  private onScreenEvent(type: string, data: unknown): void {
    const open = this.openRequest;
    if (!open) return;
    if (type === HELP_SCREEN_EVENTS.ask) {
      const ask = screenAskSchema.parse(data);
      const view = this.view;
      if (ask.requestId === open.id && view.phase === 'claimed') this.screen.ask(ask, view.advisorFirstName);
    } else if (type === HELP_SCREEN_EVENTS.signal) {
      const { requestId, ...signal } = screenSignalSchema
        .extend({ requestId: screenAskSchema.shape.requestId })
        .parse(data);
      if (requestId === open.id) this.screen.received(signal);
    } else if (type === HELP_SCREEN_EVENTS.pointer) {
      const pointer = screenPointerSchema.extend({ requestId: screenAskSchema.shape.requestId }).parse(data);
      if (pointer.requestId === open.id) this.screen.pointer(pointer.shareId, pointer.x, pointer.y);
    } else if (type === HELP_SCREEN_EVENTS.stopped) {
      const stopped = screenStoppedEventSchema.parse(data);
      if (stopped.requestId === open.id) this.screen.ended(stopped.shareId, stopped.reason);
    }
  }

  /** While the stream is down: poll now and then, and try the stream again. */
  private schedulePoll(): void {
    if (this.pollTimer !== null || !this.openRequest) return;
    this.pollTimer = this.options.clock.setTimeout(() => {
      this.pollTimer = null;
      void this.poll().finally(() => {
        if (!this.openRequest || this.streamUp) return;
        this.openStream();
        if (!this.streamUp) this.schedulePoll();
      });
    }, this.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    const open = this.openRequest;
    if (!open) return;
    try {
      const response = await this.call('GET', `/requests/${open.id}`);
      if (response.status === 200) this.apply(helpStationRequestSchema.parse(await response.json()));
    } catch {
      // Still unreachable; keep showing the last known state and try again.
    }
  }

  private stopPolling(): void {
    if (this.pollTimer !== null) this.options.clock.clearTimeout(this.pollTimer);
    this.pollTimer = null;
  }

  /** The request is over: no more stream or polling. */
  private finish(): void {
    this.screen.requestEnded();
    this.openRequest = null;
    this.stopPolling();
    this.stream?.close();
    this.stream = null;
    this.streamUp = false;
  }

  /** One HTTP call that gives up after `answerTimeoutMs` (the late answer is ignored). */
  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse> {
    const { clock, http } = this.options;
    return new Promise<HttpResponse>((resolve, reject) => {
      const timer = clock.setTimeout(
        () => reject(new TimeoutError(`no answer from central within ${this.answerTimeoutMs} ms`)),
        this.answerTimeoutMs,
      );
      const headers = { ...this.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
      http
        .request(
          this.url(path),
          body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) },
        )
        .then(resolve, reject)
        .finally(() => clock.clearTimeout(timer));
    });
  }

  private url(path: string): string {
    return `${(this.options.centralUrl ?? '').replace(/\/$/, '')}${HELP_API_PREFIX}${path}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.options.token}` };
  }

  private secondsSince(start: number): number {
    return Math.min(24 * 3600, Math.max(0, Math.round((this.options.clock.now() - start) / 1000)));
  }

  private record(event: Parameters<MetricsSink['record']>[0]): void {
    this.options.metrics.record(event);
  }

  private setView(view: HelpStatusView): void {
    this.view = view;
    this.notify();
  }

  private notify(): void {
    const state = this.getState();
    for (const listener of [...this.listeners]) listener(state);
  }
}
