import { DEFAULT_ACCESSIBILITY, type IpcHandlers, type StationView } from '../../protocol/ipc.ts';
import type { ConfigError } from '../config/validate.ts';

/**
 * The station when its config is invalid: it shows "out of order, please tell the staff" and
 * refuses every visitor command. It never falls back to a default config, because a station that
 * silently runs with the wrong services or no reset limits is worse than one that says it is broken.
 */
export function outOfOrderView(errors: ConfigError[], host: StationView['host']): StationView {
  const first = errors[0];
  return {
    phase: 'out-of-order',
    language: 'fi',
    defaultLanguage: 'fi',
    accessibility: { ...DEFAULT_ACCESSIBILITY },
    services: [],
    activeServiceId: null,
    idleResetAt: null,
    blockedNotice: null,
    files: [],
    help: { phase: 'none' },
    screenShare: { phase: 'off' },
    helpContacts: {
      phone: '09 310 10011',
      phoneHours: '',
      inPersonPlace: '',
      inPersonHours: '',
      phoneStatus: null,
      inPersonStatus: null,
    },
    locationName: '',
    outOfOrder: {
      reason: first
        ? `config: ${first.field}: ${first.message}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`
        : 'config invalid',
    },
    host,
    feedback: null,
  };
}

/** Handlers that answer only `station:get-view`; every other channel is refused. */
export function outOfOrderHandlers(view: StationView): IpcHandlers {
  const refuse = async (): Promise<never> => {
    throw new Error('station is out of order');
  };
  return {
    'station:get-view': () => view,
    'session:start': refuse,
    'session:end': refuse,
    'session:extend': refuse,
    'session:activity': () => undefined,
    'language:set': refuse,
    'accessibility:set': refuse,
    'service:open': refuse,
    'service:home': refuse,
    'service:back': refuse,
    'service:focus': refuse,
    'help:request': refuse,
    'help:cancel': refuse,
    'help:send-message': refuse,
    'help:dismiss': refuse,
    'feedback:answer': refuse,
    'feedback:skip': refuse,
    'screen:answer': refuse,
    'screen:signal': refuse,
    'screen:stop': refuse,
    'screen:dismiss': refuse,
  };
}
