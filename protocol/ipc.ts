/**
 * The IPC contract between the shell UI (renderer) and the station host (Electron main, or the
 * browser preview). Every channel is listed once with the schema of its argument. Most channels are
 * answered by core's station controller (`IpcHandlers`); a few (`HOST_CHANNELS`) only the host can
 * answer, because they act on its windows or read an e-service page (`HostIpcHandlers`). A host
 * registers both as one `KioskIpcHandlers` table, so a missing or mistyped handler is a compile
 * error, and validates every argument with `ipcArgSchemas` before acting on it.
 *
 * The renderer sees this as `window.kiosk` (type `KioskApi`) and nothing else.
 */
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import {
  type accessibilityModeSchema,
  feedbackOutcomeSchema,
  feedbackReasonSchema,
  languageSchema,
  sessionEndReasonSchema,
  slugSchema,
  type AccessibilityMode,
  type FeedbackOutcome,
  type Language,
} from './events.ts';
import {
  chatMessageInputSchema,
  helpDraftSchema,
  type HelpStatusView,
  type OpeningStatus,
  type ScreenShareView,
} from './help.ts';
import { isIpcChannel, STATION_CHANGED, type IpcChannelName } from './ipc-channels.ts';

// The zod-free channel list lives in ipc-channels.ts (the preload needs only the names).
export { isIpcChannel, STATION_CHANGED };

/** Visitor-adjustable settings; every one returns to the station default at reset. */
export const accessibilitySettingsSchema = lazySchema(() =>
  z
    .object({
      textScalePercent: z.union([z.literal(100), z.literal(125), z.literal(150), z.literal(200)]),
      highContrast: z.boolean(),
      readableFont: z.boolean(),
      readAloud: z.boolean(),
      reducedMotion: z.boolean(),
      largePointer: z.boolean(),
      moreTime: z.union([z.literal(1), z.literal(2), z.literal(4)]),
    })
    .strict(),
);
export type AccessibilitySettings = z.infer<typeof accessibilitySettingsSchema>;

export const DEFAULT_ACCESSIBILITY: AccessibilitySettings = {
  textScalePercent: 100,
  highContrast: false,
  readableFont: false,
  readAloud: false,
  reducedMotion: false,
  largePointer: false,
  moreTime: 1,
};

/** Which metrics modes a settings object has switched on (used for events and help requests). */
export function activeModes(s: AccessibilitySettings): AccessibilityMode[] {
  const modes: AccessibilityMode[] = [];
  if (s.textScalePercent !== 100) modes.push(`text-${s.textScalePercent}` as AccessibilityMode);
  if (s.highContrast) modes.push('high-contrast');
  if (s.readableFont) modes.push('readable-font');
  if (s.readAloud) modes.push('read-aloud');
  if (s.reducedMotion) modes.push('reduced-motion');
  if (s.largePointer) modes.push('large-pointer');
  if (s.moreTime !== 1) modes.push(`more-time-x${s.moreTime}` as AccessibilityMode);
  return modes;
}
// A type-level check only: reading `.options` at load would build the schema (issue 15).
null as unknown as (typeof accessibilityModeSchema)['options'] satisfies readonly AccessibilityMode[];

/** A launcher tile as the shell shows it: texts already resolved for the current language. */
export interface ServiceTile {
  id: string;
  category: string;
  icon: string;
  name: string;
  purpose: string;
  /** Language the texts are really in (may differ from the UI language after fallback). */
  textLanguage: Language;
}

/** A file downloaded in this session (shown in the files panel, deleted at reset). */
export interface SessionFile {
  id: string;
  name: string;
  sizeBytes: number;
  state: 'downloading' | 'done' | 'failed';
}

/** Where the visitor is in their visit. */
export type StationPhase = 'welcome' | 'in-session' | 'idle-warning' | 'resetting' | 'reset-done' | 'out-of-order';

/** Everything the shell UI renders from. Pushed on every change as `station:changed`. */
export interface StationView {
  phase: StationPhase;
  language: Language;
  defaultLanguage: Language;
  accessibility: AccessibilitySettings;
  services: ServiceTile[];
  /** The open e-service, or null on the launcher. */
  activeServiceId: string | null;
  /** Set while the idle warning counts down: epoch ms when the session will be reset. */
  idleResetAt: number | null;
  /**
   * IT's message for the welcome screen ("This computer is serviced at 14:00"), in the visitor's
   * language or else Finnish, while IT's set time lasts; absent otherwise and off the welcome screen.
   */
  welcomeMessage?: { text: string; language: Language };
  /** Set when the last navigation was refused; cleared by home/back/next navigation. */
  blockedNotice: { serviceId: string } | null;
  files: SessionFile[];
  help: HelpStatusView;
  /** The consented screen view: consent question, "an advisor can see your screen", or why it stopped. */
  screenShare: ScreenShareView;
  /** Ways to get help that do not need central: phone line and in-person desk, in the current language. */
  helpContacts: {
    phone: string;
    phoneHours: string;
    inPersonPlace: string;
    inPersonHours: string;
    /** Open now or when next, from the config's opening hours at the time of the view; null without them. */
    phoneStatus: OpeningStatus | null;
    inPersonStatus: OpeningStatus | null;
  };
  locationName: string;
  /** Shown on the out-of-order screen for staff; never the raw config. */
  outOfOrder: { reason: string } | null;
  /** What the host can and cannot do, e.g. the preview cannot wipe third-party site data. */
  host: { kind: 'electron' | 'preview'; limitations: string[] };
  /** The "Did you get it done?" question after "End session", shown over the reset; null otherwise. */
  feedback: FeedbackQuestion | null;
}

/**
 * The question after a visitor ends their session (issue 14). It is shown while the reset runs and
 * never holds it up; it closes by itself at `closesAt`.
 */
export interface FeedbackQuestion {
  /** `outcome`: Yes / Partly / No; `reason`: what got in the way, after Partly or No. */
  step: 'outcome' | 'reason';
  /** The answer so far (set on the reason step). */
  outcome: FeedbackOutcome | null;
  /** Epoch ms when the question closes by itself (already stretched by "more time"). */
  closesAt: number;
}

/**
 * Every channel from renderer to host, with the schema of its argument. `satisfies` over
 * `IPC_CHANNELS` (ipc-channels.ts) makes a channel missing here, or one not in that list, a compile error.
 */
export const ipcArgSchemas = {
  'station:get-view': lazySchema(() => z.undefined()),
  'session:start': lazySchema(() => z.undefined()),
  'session:end': lazySchema(() => z.object({ reason: sessionEndReasonSchema }).strict()),
  'session:extend': lazySchema(() => z.undefined()),
  /** The visitor touched the shell UI; e-service input is reported by the host itself. */
  'session:activity': lazySchema(() => z.undefined()),
  'language:set': lazySchema(() => z.object({ language: languageSchema }).strict()),
  'accessibility:set': lazySchema(() => accessibilitySettingsSchema.partial().strict()),
  'service:open': lazySchema(() => z.object({ serviceId: slugSchema }).strict()),
  'service:home': lazySchema(() => z.undefined()),
  'service:back': lazySchema(() => z.undefined()),
  /** Move keyboard focus into the e-service view (the toolbar's "go to page" handoff). */
  'service:focus': lazySchema(() => z.undefined()),
  'help:request': helpDraftSchema,
  'help:cancel': lazySchema(() => z.undefined()),
  'help:send-message': chatMessageInputSchema,
  'help:dismiss': lazySchema(() => z.undefined()),
  /** The answer to "Did you get it done?": after Partly or No, again with the reason (or skip). */
  'feedback:answer': lazySchema(() =>
    z.object({ outcome: feedbackOutcomeSchema, reason: feedbackReasonSchema.optional() }).strict(),
  ),
  /** "Skip": closes the question; an outcome already given is still counted, without a reason. */
  'feedback:skip': lazySchema(() => z.undefined()),
  /** The visitor's Allow / No to "May the advisor see your screen?" (issue 16). */
  'screen:answer': lazySchema(() => z.object({ allow: z.boolean() }).strict()),
  /** The shell's WebRTC offer or ICE candidate for the advisor (JSON text, relayed unread). */
  'screen:signal': lazySchema(() =>
    z.object({ kind: z.enum(['offer', 'ice']), data: z.string().min(2).max(30_000) }).strict(),
  ),
  /** The visitor pressed Stop, or the shell's capture or connection failed. */
  'screen:stop': lazySchema(() => z.object({ reason: z.enum(['visitor', 'failed']) }).strict()),
  /** Closes the "sharing stopped" notice. */
  'screen:dismiss': lazySchema(() => z.undefined()),
  /**
   * The shell opened (true) or closed (false) a dialog the host cannot see in `StationView` (end
   * session, files, accessibility, help); Electron then lets the shell cover the e-service view.
   */
  'shell:overlay': lazySchema(() => z.object({ open: z.boolean() }).strict()),
  /** The text the visitor selected in the open e-service, for read-aloud; '' when none or unreadable. */
  'service:selected-text': lazySchema(() => z.undefined()),
} as const satisfies Record<IpcChannelName, z.ZodType>;

export type IpcChannel = keyof typeof ipcArgSchemas;
export type IpcArg<C extends IpcChannel> = z.infer<(typeof ipcArgSchemas)[C]>;

/** What each channel resolves to. */
export interface IpcResults {
  'station:get-view': StationView;
  'session:start': void;
  'session:end': void;
  'session:extend': void;
  'session:activity': void;
  'language:set': void;
  'accessibility:set': void;
  'service:open': void;
  'service:home': void;
  'service:back': void;
  'service:focus': void;
  'help:request': void;
  'help:cancel': void;
  'help:send-message': void;
  'help:dismiss': void;
  'feedback:answer': void;
  'feedback:skip': void;
  'screen:answer': void;
  'screen:signal': void;
  'screen:stop': void;
  'screen:dismiss': void;
  'shell:overlay': void;
  'service:selected-text': SelectedText;
}

/** Longest selection `service:selected-text` returns; longer selections are cut, not refused. */
export const SELECTED_TEXT_MAX_CHARS = 2000;

/** Result of `service:selected-text`. The text is the visitor's: hosts never log or store it. */
export interface SelectedText {
  text: string;
}

/** Channels the host answers itself (its window layout, the e-service page); core never sees them. */
export const HOST_CHANNELS = ['shell:overlay', 'service:selected-text'] as const satisfies readonly IpcChannel[];
export type HostChannel = (typeof HOST_CHANNELS)[number];
/** Channels core's station controller answers. */
export type StationChannel = Exclude<IpcChannel, HostChannel>;

type HandlerOf<C extends IpcChannel> = (arg: IpcArg<C>) => Promise<IpcResults[C]> | IpcResults[C];

/** The station controller's handler table: exactly one handler per station channel, checked by the compiler. */
export type IpcHandlers = { [C in StationChannel]: HandlerOf<C> };

/** The host's own handlers, one per `HOST_CHANNELS` entry. */
export type HostIpcHandlers = { [C in HostChannel]: HandlerOf<C> };

/** What a host registers: every channel of the contract, once. */
export type KioskIpcHandlers = IpcHandlers & HostIpcHandlers;

/** `window.kiosk`: the only surface the shell UI has. */
export interface KioskApi {
  invoke<C extends IpcChannel>(
    channel: C,
    ...arg: IpcArg<C> extends undefined ? [] : [IpcArg<C>]
  ): Promise<IpcResults[C]>;
  /** Subscribes to view changes; returns an unsubscribe function. */
  onViewChanged(listener: (view: StationView) => void): () => void;
}

/** Validates a channel's argument; throws with a readable message when it does not match. */
export function parseIpcArg<C extends IpcChannel>(channel: C, arg: unknown): IpcArg<C> {
  const schema = ipcArgSchemas[channel];
  if (!schema) throw new Error(`unknown channel ${String(channel)}`);
  const result = schema.safeParse(arg);
  if (!result.success)
    throw new Error(`invalid argument for ${channel}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data as IpcArg<C>;
}
