/**
 * The app as a user runs it: the built bundle served by `vite preview` (production CSP headers),
 * headless system Chromium, a file set on the "Add data files" input, and the DOM read for when
 * the load finishes. A recorder injected before the app's own scripts timestamps every change of
 * the status line and the progress label, every animation frame and every long task.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/chromium';

export async function serveDist(outDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: PreviewServer = await preview({
    build: { outDir },
    preview: { port: 4180, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Raw and gzip sizes of the built files, largest first. */
export function distSizes(outDir: string): { file: string; raw: number; gzip: number }[] {
  const out: { file: string; raw: number; gzip: number }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        out.push({
          file: path.relative(outDir, p),
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 6 }).length,
        });
      }
    }
  };
  walk(outDir);
  return out.sort((a, b) => b.raw - a.raw);
}

// ---------------------------------------------------------------------------------------------
// The in-page recorder (runs before the app; plain JS, no closures over Node values).

interface Recording {
  status: { t: number; text: string }[];
  cards: { t: number; label: string; text: string }[];
  progress: { t: number; text: string }[];
  frames: number[];
  longTasks: { start: number; duration: number }[];
  ticks: { t: number; late: number }[];
  changeAt: number[];
}

/**
 * Kept as source text: tsx/esbuild would wrap a real function's inner closures in a `__name`
 * helper that does not exist in the page.
 */
const RECORDER = `(() => {
  const rec = { status: [], progress: [], cards: [], frames: [], longTasks: [], ticks: [], changeAt: [] };
  window.__bench = rec;
  const PANEL = 'section[aria-labelledby="data-heading"]';
  let lastStatus = '';
  let lastProgress = '';
  const look = () => {
    const t = performance.now();
    const s = (document.querySelector(PANEL + ' .status-line')?.textContent ?? '').trim();
    if (s !== lastStatus) rec.status.push({ t, text: (lastStatus = s) });
    const p = Array.from(document.querySelectorAll(PANEL + ' .notice label'))
      .map((l) => (l.textContent ?? '').trim())
      .join(' | ');
    if (p !== lastProgress) rec.progress.push({ t, text: (lastProgress = p) });
    // A table card (with its row count) appears once loadCsv() is done and the list refreshed.
    for (const a of document.querySelectorAll(PANEL + ' article.table-card')) {
      const label = a.getAttribute('aria-label') ?? '';
      if (!seenCards.has(label)) {
        seenCards.add(label);
        rec.cards.push({ t, label, text: (a.querySelector('summary')?.textContent ?? '').trim() });
      }
    }
  };
  const seenCards = new Set();
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('change', () => rec.changeAt.push(performance.now()), true);
  const frame = (t) => {
    rec.frames.push(t);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let expected = performance.now() + 50;
  setInterval(() => {
    const now = performance.now();
    rec.ticks.push({ t: now, late: now - expected });
    expected = now + 50;
  }, 50);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) rec.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Bytes of response bodies received (page and workers), as Chromium reports them. */
  downloaded(): Promise<{
    bytes: number;
    requests: number;
    byUrl: { url: string; bytes: number }[];
  }>;
  /** ms from navigation start (page clock) until the app's heading was on screen. */
  shellMs: number;
  close(): Promise<void>;
}

export async function openApp(browser: Browser, url: string): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  context.on('requestfinished', (req) => {
    sizes.push(
      req
        .sizes()
        .then((s) => ({ url: req.url(), bytes: s.responseBodySize }))
        .catch(() => ({ url: req.url(), bytes: 0 })),
    );
  });
  await context.addInitScript({ content: RECORDER });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: 'jsna-notebook' }).waitFor();
  const shellMs = await page.evaluate(() => {
    const paint = performance
      .getEntriesByType('paint')
      .find((e) => e.name === 'first-contentful-paint');
    return paint?.startTime ?? performance.now();
  });
  return {
    context,
    page,
    shellMs,
    async downloaded() {
      const all = await Promise.all(sizes);
      return { bytes: all.reduce((s, x) => s + x.bytes, 0), requests: all.length, byUrl: all };
    },
    close: () => context.close(),
  };
}

export interface LoadMeasure {
  /** ms from the input's change event until the table's card (name, row count) is shown:
   *  loadCsv() done and the table list refreshed. The ingest figure. */
  ms: number;
  /** ms from the change event until the status line says "Loaded": also covers whatever the
   *  app does after the table exists (recognising it, mapping it into canonical tables). */
  statusMs: number;
  /** Text of the new table card's summary (table name, rows, columns). */
  cardText: string;
  /** ms from navigation start until the table card was shown (for the start-up figure). */
  finishedAtMs: number;
  statusText: string;
  /** Longest gap between animation frames during the load (main-thread stall), ms. */
  maxFrameGapMs: number;
  /** Longest long task reported by the browser during the load, ms. */
  maxLongTaskMs: number;
  /** Longest time the progress label went without any visible change (incl. the elapsed-time
   *  counter), ms: what a user sees as "stuck". */
  maxProgressTextGapMs: number;
  /** Longest time the step/percentage part of the label went unchanged (engine-reported
   *  progress only, the elapsed counter ignored), ms. */
  maxProgressStepGapMs: number;
  progressUpdates: number;
  /** When (ms after the change event) and in which step the longest gaps began. */
  longestFrameGapAt: { ms: number; step: string };
  longestProgressTextGapAt: { ms: number; step: string };
  /** When each load step first showed, ms after the change event. */
  steps: { step: string; atMs: number }[];
}

/** Sets `file` on the "Add data files" input and waits for the load to finish. */
export async function loadFile(page: Page, file: string, timeoutMs: number): Promise<LoadMeasure> {
  const name = path.basename(file);
  const before = await page.evaluate(() => {
    const r = (window as unknown as { __bench: Recording }).__bench;
    return {
      status: r.status.length,
      progress: r.progress.length,
      changes: r.changeAt.length,
      cards: r.cards.length,
    };
  });
  await page.getByLabel('Add data files').setInputFiles(file);
  await page.waitForFunction(
    ([n, i]) => {
      const r = (window as unknown as { __bench: Recording }).__bench;
      return r.status
        .slice(i)
        .some((s) => s.text.startsWith(`Loaded ${n}`) || s.text.startsWith(`Could not load ${n}`));
    },
    [name, before.status] as const,
    { timeout: timeoutMs, polling: 250 },
  );
  const rec = await page.evaluate(() => (window as unknown as { __bench: Recording }).__bench);
  const t0 = rec.changeAt[before.changes];
  const done = rec.status
    .slice(before.status)
    .find(
      (s) => s.text.startsWith(`Loaded ${name}`) || s.text.startsWith(`Could not load ${name}`),
    )!;
  if (!done.text.startsWith('Loaded')) {
    const problem = await page.locator('.problem').allInnerTexts();
    throw new Error(`the app did not load ${name}: ${done.text} ${problem.join(' / ')}`);
  }
  const t1 = done.t;
  const card = rec.cards.slice(before.cards).find((c) => c.t >= t0);
  const tCard = card?.t ?? t1;
  const within = (t: number) => t >= t0 && t <= t1;
  const frames = rec.frames.filter(within);
  const longestGap = (ts: number[]) => {
    const xs = [t0, ...ts, t1];
    let max = 0;
    let at = t0;
    for (let i = 1; i < xs.length; i++)
      if (xs[i] - xs[i - 1] > max) [max, at] = [xs[i] - xs[i - 1], xs[i - 1]];
    return { max, at };
  };
  const gaps = (ts: number[]) => longestGap(ts).max;
  const progress = rec.progress.slice(before.progress).filter((p) => within(p.t) && p.text !== '');
  const stepText = (t: string) => t.replace(/, [\d.]+ s$/, '');
  const stepChanges: number[] = [];
  const steps: { step: string; atMs: number }[] = [];
  let last = '';
  for (const p of progress) {
    const s = stepText(p.text);
    if (s !== last) stepChanges.push(p.t);
    const bare = s.replace(/^Loading [^:]+: /, '').replace(/ \(\d+%\)$/, '');
    if (!steps.some((x) => x.step === bare)) steps.push({ step: bare, atMs: p.t - t0 });
    last = s;
  }
  if (t1 - tCard > 1)
    steps.push({ step: 'after the table was shown, until "Loaded"', atMs: tCard - t0 });
  steps.sort((a, b) => a.atMs - b.atMs);
  const stepAt = (t: number) => [...steps].reverse().find((x) => x.atMs <= t - t0)?.step ?? '';
  const frameGap = longestGap(frames);
  const textGap = longestGap(progress.map((p) => p.t));
  return {
    ms: tCard - t0,
    statusMs: t1 - t0,
    cardText: card?.text ?? '',
    finishedAtMs: tCard,
    statusText: done.text,
    maxFrameGapMs: gaps(frames),
    maxLongTaskMs: Math.max(
      0,
      ...rec.longTasks.filter((l) => within(l.start)).map((l) => l.duration),
    ),
    maxProgressTextGapMs: gaps(progress.map((p) => p.t)),
    maxProgressStepGapMs: gaps(stepChanges),
    longestFrameGapAt: { ms: frameGap.at - t0, step: stepAt(frameGap.at) },
    longestProgressTextGapAt: { ms: textGap.at - t0, step: stepAt(textGap.at) },
    progressUpdates: progress.length,
    steps,
  };
}

// ---------------------------------------------------------------------------------------------
// Memory: resident set of the Chromium process tree (browser, renderer, GPU/utility processes).

function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(d)]);
    } catch {
      /* process ended */
    }
  }
  return map;
}

/** The Chromium processes started by this Node process (and their descendants). */
export function chromiumPids(): number[] {
  const kids = childrenMap();
  const roots = (kids.get(process.pid) ?? []).filter((pid) => {
    try {
      return /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  });
  const out: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(kids.get(p) ?? []));
  }
  return out;
}

function kb(file: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

export interface MemorySample {
  rss: number;
  pss: number;
  largestRss: number;
}

export function sampleMemory(): MemorySample {
  let rss = 0;
  let pss = 0;
  let largestRss = 0;
  for (const pid of chromiumPids()) {
    try {
      const r = kb(`/proc/${pid}/status`, 'VmRSS');
      rss += r;
      largestRss = Math.max(largestRss, r);
      pss += kb(`/proc/${pid}/smaps_rollup`, 'Pss');
    } catch {
      /* process ended between listing and reading */
    }
  }
  return { rss, pss, largestRss };
}

/** Samples every `everyMs` until stopped; returns the peaks. */
export function memorySampler(everyMs = 250): {
  stop(): MemorySample & { samples: number; baseline: MemorySample };
} {
  const baseline = sampleMemory();
  const peak = { ...baseline };
  let samples = 1;
  const timer = setInterval(() => {
    const s = sampleMemory();
    samples++;
    peak.rss = Math.max(peak.rss, s.rss);
    peak.pss = Math.max(peak.pss, s.pss);
    peak.largestRss = Math.max(peak.largestRss, s.largestRss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { ...peak, samples, baseline };
    },
  };
}
