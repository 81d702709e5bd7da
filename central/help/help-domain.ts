/**
 * The help domain's services, built once by central's composition root (central/app.ts): the store
 * on central's storage, the live event ring and the request service. The plugin (help-plugin.ts)
 * only migrates, mounts routes and runs housekeeping over these.
 */
import { v7 as uuidv7 } from 'uuid';
import type { CentralClock } from '../infrastructure/clock.ts';
import type { Storage } from '../storage/storage.ts';
import { createEventLog, type EventLog } from './event-log.ts';
import { createPgEventLog } from './pg-event-log.ts';
import type { HelpConfig } from './help-config.ts';
import { createHelpService, type HelpService } from './service.ts';
import { createSqlHelpStore } from './sql-store.ts';
import type { HelpStore } from './store.ts';

/** Everything the help plugin works with. */
export interface HelpDomain {
  config: HelpConfig;
  store: HelpStore;
  events: EventLog;
  service: HelpService;
  /** Live streams open on this process (ended at shutdown; counted in the metrics). */
  openStreams: Set<() => void>;
}

export function createHelpDomain(deps: {
  storage: Storage;
  config: HelpConfig;
  clock: CentralClock;
  /** Time-ordered ids (UUIDv7) keep queue and chat order stable within one millisecond. */
  newId?: () => string;
}): HelpDomain {
  const store = createSqlHelpStore(deps.storage);
  const handle = deps.storage.handle;
  const now = () => deps.clock.now();
  // PostgreSQL: one log in the database for every replica (LISTEN/NOTIFY). SQLite is one process:
  // a ring in memory, where the boot time in event ids tells a previous process's ids apart.
  const events =
    handle.kind === 'postgres'
      ? createPgEventLog({
          pool: handle.pool,
          newClient: handle.newClient,
          scope: handle.scope,
          capacity: deps.config.replayEvents,
          now,
        })
      : createEventLog({ capacity: deps.config.replayEvents, epoch: deps.clock.now(), now });
  const service = createHelpService({
    store,
    config: deps.config,
    clock: deps.clock,
    events,
    newId: deps.newId ?? uuidv7,
    replicaId: uuidv7(),
  });
  return { config: deps.config, store, events, service, openStreams: new Set() };
}
