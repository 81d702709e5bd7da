/** What the preview server hands the page: the config file as text, and central access if any. */
export interface PreviewBootstrap {
  configText: string;
  configPath: string;
  central: { url: string; stationToken: string } | null;
}
