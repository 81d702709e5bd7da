/**
 * Checks run on every shell screen by the accessibility sweep: axe-core with the WCAG 2.1 AA and
 * 2.2 AA rules (plus the 7:1 enhanced-contrast rule in high contrast), and a layout check that no
 * control's text is clipped or spills out and no two controls overlap.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** The axe tags that make up WCAG 2.0/2.1/2.2 levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Finding {
  rule: string;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page; returns one finding per violated rule (empty = clean). */
export async function axeViolations(page: Page, options: { enhancedContrast: boolean }): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const runs: object[] = [{ runOnly: { type: 'tag', values: WCAG_AA_TAGS }, resultTypes: ['violations'] }];
  if (options.enhancedContrast)
    runs.push({ runOnly: { type: 'rule', values: ['color-contrast-enhanced'] }, resultTypes: ['violations'] });
  const findings: Finding[] = [];
  for (const run of runs) {
    const violations = await page.evaluate(async (opts) => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              ctx: Document,
              o: object,
            ): Promise<{
              violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run(document, opts);
      return result.violations.map((v) => ({
        rule: v.id,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`.slice(0, 300)),
      }));
    }, run);
    findings.push(...violations);
  }
  return findings;
}

/**
 * Finds what a visitor would see as broken layout: the page scrolling sideways, a control whose
 * text does not fit its box, or two controls drawn over each other. Looks only at the top layer
 * (the open dialog, if any), since a modal hides the rest.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1)
      problems.push(`page scrolls sideways: ${root.scrollWidth}px content in a ${window.innerWidth}px window`);
    const dialogs = [...document.querySelectorAll<HTMLElement>('[role="dialog"],[role="alertdialog"]')].filter(
      (d) => d.offsetParent !== null || getComputedStyle(d).position === 'fixed',
    );
    const scope: ParentNode = dialogs.at(-1) ?? document;
    const controls = [
      ...scope.querySelectorAll<HTMLElement>('button, a[href], [role="switch"], input, select, textarea'),
    ].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    });
    const name = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
    for (const el of controls) {
      // 2px of slack for sub-pixel rounding of borders.
      if (el.scrollWidth > el.clientWidth + 2)
        problems.push(`text does not fit across ${name(el)} (${el.scrollWidth} > ${el.clientWidth}px)`);
      if (el.scrollHeight > el.clientHeight + 2 && getComputedStyle(el).overflowY !== 'visible')
        problems.push(`text cut off at the bottom of ${name(el)}`);
    }
    // What of a control is really on screen: its box cut by every scrolling ancestor (a dialog's
    // scrolled content passes under its sticky buttons without overlapping them).
    const visibleBox = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        box = {
          left: Math.max(box.left, c.left),
          top: Math.max(box.top, c.top),
          right: Math.min(box.right, c.right),
          bottom: Math.min(box.bottom, c.bottom),
        };
      }
      return box;
    };
    const boxes = controls
      .map((el) => ({ el, r: visibleBox(el) }))
      .filter(({ r }) => r.right - r.left > 0 && r.bottom - r.top > 0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const overlapX = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const overlapY = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (overlapX > 2 && overlapY > 2) problems.push(`${name(a.el)} overlaps ${name(b.el)}`);
      }
    }
    return problems;
  });
}

/** Every screen must have a main landmark and exactly one level-1 heading, or be a named dialog. */
export async function structureProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (!document.querySelector('main')) problems.push('no main landmark');
    const h1 = document.querySelectorAll('h1');
    if (h1.length !== 1) problems.push(`${h1.length} level-1 headings (want 1)`);
    for (const dialog of document.querySelectorAll<HTMLElement>('[role="dialog"],[role="alertdialog"]')) {
      const labelled =
        dialog.getAttribute('aria-label') ||
        document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent;
      if (!labelled?.trim()) problems.push(`dialog #${dialog.id} has no name`);
    }
    return problems;
  });
}
