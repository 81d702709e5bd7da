/**
 * Compatibility shim: the browser journeys in tests/e2e (maintained in another lane) still import
 * these names. New tests use central/testing/ (`createTestCentral`, one builder for every domain);
 * delete this file once tests/e2e imports from there.
 */
import type { Storage } from '../storage/storage.ts';
import { requestBody } from '../testing/help-fixtures.ts';
import { openSseStream, type SseEvent } from '../testing/sse-reader.ts';
import { openTestSqlite, storageTargets, type OpenedStorage } from '../testing/storage-targets.ts';
import {
  createTestCentral,
  manualClock,
  type TestCentral,
  type TestClock,
  type UserSession,
} from '../testing/test-app.ts';
import type { HelpConfigInput } from './help-config.ts';

export { manualClock, openSseStream, openTestSqlite, requestBody, type SseEvent };
export const STORAGE_KINDS = storageTargets;
export type TestStorage = OpenedStorage;
export type AdvisorSession = UserSession;

/** The old help test app: `addStation(id, location)` instead of `addStation(id, { location })`. */
export type HelpTestApp = Omit<TestCentral, 'addStation'> & {
  addStation(id: string, location?: string): Promise<string>;
};

/** `createTestCentral` on `storage` with help settings; the caller disposes the storage. */
export async function startHelpApp(
  storage: Storage,
  options: { config?: HelpConfigInput; clock?: TestClock } = {},
): Promise<HelpTestApp> {
  const central = await createTestCentral({
    storage,
    ...(options.clock ? { clock: options.clock } : {}),
    config: { loginAttemptsPer15Minutes: 1000, ...(options.config ? { help: options.config } : {}) },
  });
  return { ...central, addStation: (id, location) => central.addStation(id, location ? { location } : {}) };
}
