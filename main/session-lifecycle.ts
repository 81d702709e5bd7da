/**
 * Visitor partitions: one fresh in-memory Electron session per visitor, hardened on creation,
 * and the reset ladder that wipes it (`ResetExecutor` from core/session/reset-plan.ts).
 *
 * Why a new partition per visitor rather than clearing one: clearing a persisted partition is
 * not an erasure guarantee (LevelDB logs and IndexedDB blobs survive), and an in-memory
 * partition never touches disk. Old partitions stay in RAM until the process exits (Electron
 * never frees a Session), which is why they are cleared anyway and why the process recycles.
 */
import { mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ServiceConfig } from '../core/config/schema.ts';
import { decideNavigation } from '../core/navigation/policy.ts';
import type { ResetExecutor } from '../core/session/reset-plan.ts';
import { errorSummary } from '../core/station/log-policy.ts';
import { FILE_RETRY_DELAYS_MS, isTransientFileError, withRetries } from '../core/station/retry.ts';
import type { SessionFile } from '../protocol/ipc.ts';
import type { DownloadItemPort, ElectronMain, ElectronPermission, SessionPort } from './electron-api.ts';

/** One visitor's partition and download folder. */
export interface VisitorPartition {
  /** `kiosk-<uuid>`: no `persist:` prefix, so Chromium keeps it in memory. */
  readonly name: string;
  readonly session: SessionPort;
  /** Where this visitor's downloads go; deleted at reset. */
  readonly downloadDir: string;
}

/** What the partitions need to know about the views, to decide permissions. */
export interface PermissionContext {
  /** The service a webContents belongs to, or null for anything else (the shell, a closed view). */
  serviceFor(webContents: unknown): ServiceConfig | null;
  localHttpOrigins: readonly string[];
}

/**
 * Port: the download root on disk. Its own port so tests can lock files the way Windows Defender
 * or a closing renderer does (the first tries fail with EBUSY/EPERM).
 */
export interface DownloadDisk {
  /** Names of the entries directly under `dir` ([] when it does not exist). */
  list(dir: string): Promise<string[]>;
  /** Removes a file or folder tree; resolves when it is gone (also when it never existed). */
  remove(path: string): Promise<void>;
  /** Waits between tries. */
  wait(ms: number): Promise<void>;
}

/** The real disk: `fs.promises`, real timers. */
export const nodeDownloadDisk: DownloadDisk = {
  list: async (dir) => {
    try {
      return await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  },
  remove: (path) => rm(path, { recursive: true, force: true }),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface VisitorPartitionsOptions {
  electron: Pick<ElectronMain, 'session'>;
  /** `app.getPath('temp')`/kiosk-downloads. */
  downloadRoot: string;
  disk: DownloadDisk;
  newId: () => string;
  permissions: PermissionContext;
  /** The visitor's file list changed (the files panel). */
  onFiles(files: SessionFile[]): void;
  log(message: string, details?: Record<string, unknown>): void;
}

/**
 * Decides a permission for a page: granted only when the page's service lists it in its config
 * AND the asking origin is one the service may navigate to. Everything else (openExternal,
 * fileSystem, hid/serial/usb, display-capture, ...) is not configurable and always denied.
 */
export function permissionAllowed(
  permission: ElectronPermission,
  requestingUrl: string,
  service: ServiceConfig | null,
  localHttpOrigins: readonly string[],
): boolean {
  if (!service) return false;
  // Copying (a reference number, a code) is what visitors expect of any page, and the clipboard
  // is cleared at reset, so writing to it needs no config. Reading it stays denied.
  const alwaysFor = permission === 'clipboard-sanitized-write';
  if (!alwaysFor && !(service.permissions as readonly string[]).includes(permission)) return false;
  return decideNavigation(requestingUrl, { allowedOrigins: service.allowedOrigins, localHttpOrigins }).allowed;
}

/** A download's file name made safe for the session folder (no paths, no control characters). */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '_')
    .trim()
    .slice(0, 120);
  return base || 'download';
}

export class VisitorPartitions {
  private partition: VisitorPartition;
  private files: SessionFile[] = [];
  /** Downloads still running, per partition name: the reset cancels them. */
  private readonly live = new Map<string, Set<DownloadItemPort>>();

  constructor(private readonly options: VisitorPartitionsOptions) {
    this.partition = this.create();
  }

  /** The partition the next e-service view opens in. */
  current(): VisitorPartition {
    return this.partition;
  }

  /** Replaces the partition with a brand-new one (the last reset step). */
  renew(): VisitorPartition {
    this.partition = this.create();
    this.files = [];
    return this.partition;
  }

  /** Cancels this visitor's running downloads (Chromium then removes their partial files). */
  cancelDownloads(): number {
    const items = this.live.get(this.partition.name) ?? new Set();
    let cancelled = 0;
    for (const item of items)
      if (item.getState() === 'progressing') {
        item.cancel();
        cancelled += 1;
      }
    this.live.delete(this.partition.name);
    return cancelled;
  }

  /**
   * Deletes everything under the download root except `keep` (a folder name), each entry with
   * retries for locked files. Throws, naming how many entries stayed, when any could not go.
   */
  async sweep(keep: string | null = null): Promise<void> {
    const { disk, downloadRoot } = this.options;
    const names = (await disk.list(downloadRoot)).filter((n) => n !== keep);
    const left: string[] = [];
    for (const name of names) {
      try {
        await withRetries(() => disk.remove(join(downloadRoot, name)), {
          delaysMs: FILE_RETRY_DELAYS_MS,
          retryable: isTransientFileError,
          wait: (ms) => disk.wait(ms),
        });
      } catch (error) {
        left.push(name);
        this.options.log('download folder could not be deleted', errorSummary(error));
      }
    }
    if (left.length > 0) throw new Error(`${left.length} download folder(s) could not be deleted`);
  }

  private create(): VisitorPartition {
    const name = `kiosk-${this.options.newId()}`;
    const session = this.options.electron.session.fromPartition(name, { cache: true });
    // The whole privacy model rests on this: a visitor partition must never be written to disk.
    if (session.getStoragePath() !== null || session.isPersistent())
      throw new Error(`visitor partition ${name} is not in-memory`);
    const partition: VisitorPartition = { name, session, downloadDir: join(this.options.downloadRoot, name) };
    this.harden(partition);
    return partition;
  }

  private harden(partition: VisitorPartition): void {
    const { session } = partition;
    const { permissions } = this.options;
    // Electron grants every permission unless a handler says otherwise; both handlers are needed.
    session.setPermissionRequestHandler((webContents, permission, callback, details) => {
      const allowed = permissionAllowed(
        permission,
        details.requestingUrl ?? '',
        permissions.serviceFor(webContents),
        permissions.localHttpOrigins,
      );
      if (!allowed) this.options.log('permission denied', { permission });
      callback(allowed);
    });
    session.setPermissionCheckHandler((webContents, permission, requestingOrigin) =>
      permissionAllowed(
        permission,
        requestingOrigin,
        webContents ? permissions.serviceFor(webContents) : null,
        permissions.localHttpOrigins,
      ),
    );
    // HID, serial and USB devices are never offered to e-services.
    session.setDevicePermissionHandler(() => false);
    // Hunspell dictionaries would be fetched from a Google CDN, and learned words are per-visitor data.
    session.setSpellCheckerEnabled(false);
    session.on('will-download', (_event, item) => this.onDownload(partition, item));
  }

  private onDownload(partition: VisitorPartition, item: DownloadItemPort): void {
    // Always set a path: without one Electron shows a save dialog, a way into the file system.
    mkdirSync(partition.downloadDir, { recursive: true });
    const id = this.options.newId();
    const wanted = safeFileName(item.getFilename());
    const taken = new Set(this.files.map((f) => f.name));
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = wanted.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`);
    item.setSavePath(join(partition.downloadDir, name));
    const live = this.live.get(partition.name) ?? new Set<DownloadItemPort>();
    live.add(item);
    this.live.set(partition.name, live);
    item.once('done', () => live.delete(item));
    const update = (state: SessionFile['state']) => {
      // A download of a visitor who has already been reset must not show up for the next one.
      if (this.partition !== partition) return;
      const file: SessionFile = {
        id,
        name,
        sizeBytes: Math.max(item.getReceivedBytes(), state === 'done' ? item.getTotalBytes() : 0),
        state,
      };
      this.files = [...this.files.filter((f) => f.id !== id), file];
      this.options.onFiles(this.files);
    };
    update('downloading');
    item.on('updated', (_event, state) => update(state === 'interrupted' ? 'failed' : 'downloading'));
    item.once('done', (_event, state) => update(state === 'completed' ? 'done' : 'failed'));
  }
}

/** What the reset needs from the views: close every e-service and popup webContents. */
export interface ClosableViews {
  closeAll(): Promise<void> | void;
}

/**
 * The reset ladder, one function per `RESET_STEPS` entry. Steps act on the current partition;
 * `new-partition` comes last, so every step before it still sees the visitor's partition.
 */
export function createResetExecutor(deps: {
  partitions: VisitorPartitions;
  views: ClosableViews;
  clipboard: ElectronMain['clipboard'];
}): ResetExecutor {
  const ses = () => deps.partitions.current().session;
  return {
    // Views first: a live page could write new data while its partition is being cleared.
    'close-views': async () => deps.views.closeAll(),
    // No filters at all: clearing with options has failed silently before (electron#45531).
    'clear-site-data': async () => {
      await ses().clearData();
      await ses().clearCache();
    },
    'clear-auth-cache': () => ses().clearAuthCache(),
    'clear-host-resolver-cache': () => ses().clearHostResolverCache(),
    'close-connections': () => ses().closeAllConnections(),
    // Running downloads first (else Chromium keeps writing), then the whole root: this visitor's
    // folder and anything an earlier crash or lock left behind.
    'delete-downloads': async () => {
      deps.partitions.cancelDownloads();
      await deps.partitions.sweep();
    },
    'clear-clipboard': async () => {
      deps.clipboard.clear();
      // The Linux primary selection (middle-click paste); undefined on Windows at run time.
      deps.clipboard.selection?.clear();
    },
    'new-partition': async () => void deps.partitions.renew(),
  };
}
