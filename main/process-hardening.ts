/**
 * Process-wide defaults that Electron leaves open, closed once for every webContents and session
 * the station did not configure itself:
 *   - the default session (the shell's) grants every permission unless a handler says no;
 *   - any webContents (a future view, a devtools host, a page's `<webview>`) may open windows
 *     and embed webviews until its creator sets handlers: `web-contents-created` closes both
 *     first, and the station's own views replace the window-open handler with their policy;
 *   - Chromium picks the first TLS client certificate in the OS store on its own (a smart-card
 *     reader puts a citizen's certificate there): refused unless the service opts in.
 * And the supervisor-facing part: an exception nobody caught logs and exits with a code, instead
 * of Electron's native error dialog that waits for a click no visitor should give.
 */
import type { Certificate } from 'electron';
import type { ServiceConfig } from '../core/config/schema.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { errorSummary } from '../core/station/log-policy.ts';
import type { ElectronMain, SessionPort, WebContentsPort } from './electron-api.ts';

type Log = (message: string, details?: Record<string, unknown>) => void;

/** Denies every permission, device and check on a session that no e-service uses. */
export function denyAllPermissions(session: SessionPort): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** The backstop for every webContents: no popups and no `<webview>` unless its creator says otherwise. */
export function guardEveryWebContents(app: ElectronMain['app'], log: Log): void {
  app.on('web-contents-created', (_event, webContents) => {
    webContents.setWindowOpenHandler(() => {
      log('window open refused by the backstop');
      return { action: 'deny' };
    });
    webContents.on('will-attach-webview', (event) => {
      log('webview refused');
      event.preventDefault();
    });
  });
}

/**
 * Decides which client certificate, if any, goes to a site. Only a service with
 * `clientCertificate: "smart-card"` gets one, and only when exactly one is offered (the card in
 * the reader): with several, picking one could send another person's certificate.
 */
export function chooseClientCertificate(
  service: Pick<ServiceConfig, 'clientCertificate'> | null,
  certificates: readonly Certificate[],
): Certificate | null {
  if (service?.clientCertificate !== 'smart-card') return null;
  return certificates.length === 1 ? (certificates[0] ?? null) : null;
}

/** Answers every client-certificate request with `chooseClientCertificate`. */
export function guardClientCertificates(
  app: ElectronMain['app'],
  serviceFor: (webContents: WebContentsPort | null) => ServiceConfig | null,
  log: Log,
): void {
  app.on('select-client-certificate', (event, webContents, _url, certificates, callback) => {
    // Without this Chromium sends the first certificate in the store by itself.
    event.preventDefault();
    const service = serviceFor(webContents);
    const chosen = chooseClientCertificate(service, certificates);
    log(chosen ? 'client certificate sent' : 'client certificate refused', {
      serviceId: service?.id ?? null,
      offered: certificates.length,
    });
    if (chosen) callback(chosen);
    else callback();
  });
}

/** The parts of `process` the fatal handlers need (a fake in tests). */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Any exception or rejection nobody handled ends the process with `EXIT_CODES.fatalError` after
 * one log line (kind and code only: a message can quote a URL). Registering the listener is also
 * what stops Electron's native "A JavaScript error occurred" dialog.
 */
export function exitOnFatalErrors(process: ProcessEvents, deps: { log: Log; exit(code: number): void }): void {
  let exiting = false;
  const fatal = (kind: string, error: unknown) => {
    deps.log('fatal error in the station process; exiting for the supervisor', {
      kind,
      ...errorSummary(error),
      exitCode: EXIT_CODES.fatalError,
    });
    if (exiting) return;
    exiting = true;
    deps.exit(EXIT_CODES.fatalError);
  };
  process.on('uncaughtException', (error) => fatal('uncaughtException', error));
  process.on('unhandledRejection', (reason) => fatal('unhandledRejection', reason));
}
