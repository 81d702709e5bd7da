import type { ConfigCheck } from '../../core/config/validate.ts';

/**
 * What the preview server hands the page: the config file already checked, as Electron main
 * checks it before the shell's window exists (so the page never builds the config schema at
 * start, issue 15), its path, and central access if any.
 */
export interface PreviewBootstrap {
  config: ConfigCheck;
  configPath: string;
  central: { url: string; stationToken: string } | null;
}
