/**
 * Reads the fuse wire of a packaged kiosk binary and compares it with what we decided: every fuse
 * in `electronFuses` (electron-builder.ts), plus the fuses newer than electron-builder knows
 * (`FUSES_NEWER_THAN_BUILDER`). Exits 1 on any difference, and on any fuse the binary has that is
 * in neither list, so an Electron upgrade that adds a fuse stops the build until someone decides it.
 *
 * Usage: `npx tsx scripts/check-fuses.ts <path to the packaged executable>`
 * (release/win-unpacked/HelsinkiKiosk.exe, release/linux-unpacked/helsinki-kiosk).
 */
import { getCurrentFuseWire } from '@electron/fuses';
import { pathToFileURL } from 'node:url';
import { electronFuses } from '../electron-builder.ts';

type BuilderFuse = Exclude<keyof typeof electronFuses, 'resetAdHocDarwinSignature'>;

/**
 * The fuse wire's order (Electron's build/fuses/fuses.json5; @electron/fuses `FuseV1Options`
 * 0-7). Index 8 came after electron-builder 26's fuse options: third-party read-backs of Electron
 * 43 and 44 binaries show a nine-fuse wire ending in WasmTrapHandlers, on by default.
 */
export const FUSE_WIRE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
  'wasmTrapHandlers',
] as const satisfies readonly (BuilderFuse | keyof typeof FUSES_NEWER_THAN_BUILDER)[];

/**
 * Fuses electron-builder 26 cannot set; the packaged binary keeps Electron's default, which we
 * state here so a changed default is noticed. WasmTrapHandlers on: V8 turns out-of-bounds
 * WebAssembly memory access into a clean trap instead of relying on explicit bounds checks.
 */
export const FUSES_NEWER_THAN_BUILDER = { wasmTrapHandlers: true } as const;

type FuseName = (typeof FUSE_WIRE_ORDER)[number];
// Every fuse electron-builder can set has its place on the wire: a compile error otherwise.
const _everyBuilderFuseHasAPlace: [Exclude<BuilderFuse, FuseName>] extends [never] ? true : false = true;

/** What the wire must say for each fuse, from the two decisions above. */
export function expectedFuses(): Record<FuseName, boolean> {
  const { resetAdHocDarwinSignature: _macOnly, ...builder } = electronFuses;
  return { ...builder, ...FUSES_NEWER_THAN_BUILDER };
}

const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);
const REMOVED = 'r'.charCodeAt(0);

function stateName(state: number | undefined): string {
  if (state === ENABLE) return 'on';
  if (state === DISABLE) return 'off';
  if (state === REMOVED) return 'removed';
  return state === undefined ? 'missing' : `unknown state ${state}`;
}

/** Compares a wire (index → state byte, as @electron/fuses reads it) with the decisions; [] when it matches. */
export function fuseProblems(wire: Readonly<Record<number, number>>): string[] {
  const expected = expectedFuses();
  const problems: string[] = [];
  FUSE_WIRE_ORDER.forEach((name, index) => {
    const want = expected[name] ? 'on' : 'off';
    const got = stateName(wire[index]);
    if (got !== want) problems.push(`${name} (#${index}) is ${got}, expected ${want}`);
  });
  const extra = Object.keys(wire)
    .map(Number)
    .filter((index) => Number.isInteger(index) && index >= FUSE_WIRE_ORDER.length);
  for (const index of extra)
    problems.push(
      `fuse #${index} (${stateName(wire[index])}) is not decided: add it to electron-builder.ts or FUSES_NEWER_THAN_BUILDER`,
    );
  return problems;
}

/** Reads a binary's fuse wire as index → state byte (the version entry dropped). */
export async function readFuseStates(binary: string): Promise<Record<number, number>> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<string, number | string>;
  const states: Record<number, number> = {};
  for (const [key, value] of Object.entries(wire)) if (typeof value === 'number') states[Number(key)] = value;
  return states;
}

/** Prints the wire and its problems; 0 when every fuse is as decided. */
export async function checkFuses(binary: string): Promise<number> {
  const states = await readFuseStates(binary);
  FUSE_WIRE_ORDER.forEach((name, index) => console.log(`${name.padEnd(40)} ${stateName(states[index])}`));
  const problems = fuseProblems(states);
  for (const problem of problems) console.error(`FUSE MISMATCH: ${problem}`);
  console.log(problems.length === 0 ? 'fuses: as decided' : `fuses: ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: tsx scripts/check-fuses.ts <packaged executable>');
    process.exitCode = 2;
  } else process.exitCode = await checkFuses(binary);
}
