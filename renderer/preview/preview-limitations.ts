/**
 * What the preview cannot do that the Electron kiosk does; shown on screen as i18n keys. Its own
 * module, without DOM code: the preview server (Node) names them too, to serve the welcome screen
 * with the preview's banner (protocol/welcome-page.ts).
 */
export const PREVIEW_LIMITATIONS = ['noSiteDataWipe', 'noNavigationRules', 'noServiceZoom'] as const;
