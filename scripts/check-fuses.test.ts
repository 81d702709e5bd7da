import { describe, expect, it } from 'vitest';
import { expectedFuses, FUSE_WIRE_ORDER, fuseProblems } from './check-fuses.ts';

const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);

/** A wire as the decisions want it, as @electron/fuses reads it (index → state byte). */
function decidedWire(): Record<number, number> {
  const expected = expectedFuses();
  return Object.fromEntries(FUSE_WIRE_ORDER.map((name, index) => [index, expected[name] ? ON : OFF]));
}

describe('the packaged fuse read-back', () => {
  it('passes a binary whose every fuse is as decided, with the inspector and RunAsNode off', () => {
    expect(fuseProblems(decidedWire())).toEqual([]);
    expect(expectedFuses()).toMatchObject({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('fails an unflipped binary, naming each fuse left at its Electron default', () => {
    const stock = { ...decidedWire(), 0: ON, 3: ON };
    expect(fuseProblems(stock)).toEqual([
      'runAsNode (#0) is on, expected off',
      'enableNodeCliInspectArguments (#3) is on, expected off',
    ]);
  });

  it('fails when a newer Electron has a fuse nobody decided yet', () => {
    const newer = { ...decidedWire(), [FUSE_WIRE_ORDER.length]: ON };
    expect(fuseProblems(newer)).toEqual([
      `fuse #${FUSE_WIRE_ORDER.length} (on) is not decided: add it to electron-builder.ts or FUSES_NEWER_THAN_BUILDER`,
    ]);
  });

  it('fails when the binary lacks a fuse we rely on (an older Electron)', () => {
    const { [FUSE_WIRE_ORDER.length - 1]: _last, ...older } = decidedWire();
    expect(fuseProblems(older)).toEqual(['wasmTrapHandlers (#8) is missing, expected on']);
  });
});
