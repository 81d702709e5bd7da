/**
 * Domain plugins that ship with central besides usage metrics. `startCentral` (CLI, `npm start`)
 * registers these; tests may pass their own list to `buildCentralApp({ extraPlugins })`.
 *
 * >>> Help requests (issue 5): add the plugin from central/help/ to this list. <<<
 */
import type { CentralPlugin } from './context.ts';
import { createHelpModule } from './help/plugin.ts';

export function defaultDomainPlugins(): CentralPlugin[] {
  return [createHelpModule().plugin];
}
