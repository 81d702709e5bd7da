/**
 * The shell's preload (sandboxed, so bundled to CommonJS: dist/preload/index.cjs). It exposes
 * exactly one object, `window.kiosk` (`KioskApi`), and never `ipcRenderer` itself.
 * E-service pages get no preload at all.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskApi } from './bridge.ts';

contextBridge.exposeInMainWorld('kiosk', createKioskApi(ipcRenderer));
