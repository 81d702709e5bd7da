/**
 * The little station state that must survive a restart, kept with electron-store in the kiosk
 * account's userData: the last recycle (so the next start logs why the kiosk restarted) and how
 * often it has started. Never visitor data: nothing here is about a person or a page.
 */
import type { RecycleReason } from '../core/session/reset-plan.ts';

/** The stored shape. */
export interface StationStateData {
  lastRecycle: { reason: RecycleReason; at: string } | null;
  starts: number;
}

/** The key-value store it needs (electron-store's `get`/`set`, or a Map-backed fake in tests). */
export interface KeyValueStore<T> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
}

export const STATION_STATE_DEFAULTS: StationStateData = { lastRecycle: null, starts: 0 };

export class StationState {
  constructor(
    private readonly store: KeyValueStore<StationStateData>,
    private readonly now: () => Date,
  ) {}

  /** Counts a start and returns the recycle that preceded it, if any (then forgets it). */
  recordStart(): StationStateData['lastRecycle'] {
    const last = this.store.get('lastRecycle');
    this.store.set('starts', this.store.get('starts') + 1);
    this.store.set('lastRecycle', null);
    return last;
  }

  /** Written just before the process exits for its supervisor. */
  recordRecycle(reason: RecycleReason): void {
    this.store.set('lastRecycle', { reason, at: this.now().toISOString() });
  }
}
