/**
 * In-page timing for the start bench: when a given button or heading is painted and the main
 * thread is free to handle a click, in the page's own clock (ms since navigation start), and the
 * scripts that had arrived by then. Measured in the page, not from Node, so the figure carries no
 * Playwright polling or CDP round trips, and the shell and the blank baseline are timed the same way.
 *
 * The scripts are strings because the bench compiles without DOM types (tsconfig.node.json).
 */
import type { Page } from 'playwright-core';

/** What to wait for: an element matching `selector` whose trimmed text is `text`. */
export interface ProbeTarget {
  selector: string;
  text: string;
}

/** One script the page had received by the time it was interactive. */
export interface ProbeScript {
  url: string;
  bytes: number;
}

/**
 * Source of an init script (runs before any page script) that watches the DOM for `targets`.
 * A target counts as interactive at the first task after the frame in which it was visible:
 * requestAnimationFrame runs just before that frame is painted, and a message posted from there
 * runs once the frame is done and the thread is free again — when a click would be handled.
 * `clicks` names buttons whose click time (the input event's own timestamp) is recorded.
 * `pressOnceInteractive` names a target the probe clicks itself in the task in which it is timed:
 * a visitor pressing at the first moment they can, with no Playwright round trip in between
 * (during which the app, loaded after the served welcome screen's first frame, would get ahead).
 * Each target, once timed, is announced on the console (`probeSignal`), so the bench can wait for
 * it without evaluating anything in the page while the page is still starting (`waitForProbe`).
 */
export function probeSource(
  targets: Record<string, ProbeTarget>,
  clicks: Record<string, string>,
  pressOnceInteractive?: string,
): string {
  return `(() => {
  const targets = ${JSON.stringify(targets)};
  const clicks = ${JSON.stringify(clicks)};
  const pressKey = ${JSON.stringify(pressOnceInteractive ?? null)};
  const found = {};
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const settle = (key, el) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      found[key] = performance.now();
      if (key === pressKey) el.click();
      console.debug(${JSON.stringify(SIGNAL_PREFIX)} + key);
    };
    channel.port2.postMessage(null);
  });
  const check = () => {
    for (const [key, target] of Object.entries(targets)) {
      if (key in found) continue;
      for (const el of document.querySelectorAll(target.selector))
        if ((el.textContent || '').trim() === target.text && visible(el)) {
          found[key] = null;
          settle(key, el);
          break;
        }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    const label = button ? (button.textContent || '').trim() : '';
    for (const [key, text] of Object.entries(clicks)) if (label === text && !(key in found)) found[key] = event.timeStamp;
  }, { capture: true });
  Object.defineProperty(window, '__startProbe', {
    value: {
      time: (key) => (typeof found[key] === 'number' ? found[key] : null),
      scriptsBy: (ms) => performance.getEntriesByType('resource')
        .filter((entry) => /\\.m?js(\\?|$)/.test(entry.name) && entry.responseEnd <= ms)
        .map((entry) => ({ url: entry.name, bytes: entry.decodedBodySize })),
    },
  });
})();`;
}

const SIGNAL_PREFIX = '__startProbe:';

/** The console message the probe writes once `key` is timed. */
function probeSignal(key: string): string {
  return `${SIGNAL_PREFIX}${key}`;
}

/**
 * Resolves once the probe has timed `key`. Call it before the action that leads there (the
 * navigation, the click): it listens for the probe's console message instead of polling the page
 * with `waitForFunction`, whose first call evaluates Playwright's injected script (10–20 ms of
 * main-thread time in a trace) in the middle of the start it is timing.
 */
export function waitForProbe(page: Page, key: string, timeout: number): Promise<unknown> {
  const signal = probeSignal(key);
  return page.waitForEvent('console', { predicate: (message) => message.text() === signal, timeout });
}

/** What the init script puts on the page's global object. */
interface ProbeGlobal {
  __startProbe: { time: (key: string) => number | null; scriptsBy: (ms: number) => ProbeScript[] };
}

/**
 * In the page: the time of `key` (ms since navigation start), or null while it has not happened.
 * A function, not a string, because the shell's CSP forbids eval; Playwright sends it over CDP.
 */
export const probeTime = (key: string) => (globalThis as unknown as ProbeGlobal).__startProbe.time(key);

/** In the page: the scripts whose response had ended by `ms`. */
export const probeScripts = (ms: number) => (globalThis as unknown as ProbeGlobal).__startProbe.scriptsBy(ms);

/**
 * In the page: when its entry script (the page's own `<script type="module" src>`) had arrived, and
 * the shell's start marks (`renderer/start-marks.ts`, `shell:*`), in ms since navigation start.
 * The blank page has only the entry script. No inner named functions: Playwright sends the source.
 */
export const probeMilestones = () => {
  const page = globalThis as unknown as MilestoneGlobal;
  const found: Record<string, number> = {};
  const entry = page.document.querySelector('script[type="module"][src]');
  for (const timing of page.performance.getEntriesByType('resource'))
    if (entry && timing.name === entry.src) found['entry script'] = timing.responseEnd;
  for (const mark of page.performance.getEntriesByType('mark'))
    if (mark.name.startsWith('shell:')) found[mark.name.slice('shell:'.length)] = mark.startTime;
  return found;
};

/** What `probeMilestones` reads of the page (the bench compiles without DOM types). */
interface MilestoneGlobal {
  document: { querySelector(selector: string): { src: string } | null };
  performance: { getEntriesByType(type: string): { name: string; startTime: number; responseEnd: number }[] };
}

/** A Chrome trace event, as much of it as the summary reads. */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string; stackTrace?: { url?: string }[] } };
}

/** Self time by event name, and script time by file, on the page's main thread up to `untilMs` after navigation. */
export interface TraceSummary {
  byEvent: [string, number][];
  byScript: [string, number][];
}

const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'v8.produceModuleCache',
]);

/**
 * Reduces a Chrome trace to where the main thread spent its time during the start: exclusive
 * (self) time per event name, so nested events are not counted twice, and inclusive time of
 * top-level script events per script file.
 */
export function summarizeTrace(trace: Buffer, untilMs: number): TraceSummary {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.ph === 'M');
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === main?.pid);
  if (!main || !nav) return { byEvent: [], byScript: [] };
  const end = nav.ts + untilMs * 1000;
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur && e.ts >= nav.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  const stack: { e: TraceEvent; end: number; child: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= until) {
      const top = stack.pop();
      if (!top) break;
      const dur = top.e.dur ?? 0;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + dur - top.child);
      const parent = stack.at(-1);
      if (parent) parent.child += dur;
    }
  };
  for (const e of spans) {
    close(e.ts);
    const scriptParent = stack.some((s) => SCRIPT_EVENTS.has(s.e.name));
    if (SCRIPT_EVENTS.has(e.name) && !scriptParent) {
      const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '(unknown)';
      const file = url.split('/').pop() || url;
      byScript.set(file, (byScript.get(file) ?? 0) + (e.dur ?? 0));
    }
    stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  const ms = (m: Map<string, number>) =>
    [...m].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]);
  return { byEvent: ms(self), byScript: ms(byScript) };
}
