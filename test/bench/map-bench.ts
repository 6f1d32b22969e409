import { chromium, type Browser } from '@playwright/test';

/** The Chromium binary: ATLAS_CHROMIUM, or else Debian's package. */
export const CHROMIUM_PATH = process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium off the network and the GPU. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The viewport of the end-to-end tests in playwright.config.ts. */
const VIEWPORT = { width: 1400, height: 900 };

const READY_TIMEOUT_MS = 15_000;

/** The function the page calls, through a Playwright binding, at mapReady. */
const REPORT_FUNCTION = '__benchReportMapReady';

/**
 * Runs before any page script. A MutationObserver reads performance.now()
 * (milliseconds since navigation start) in the microtask right after
 * `document.body.dataset.mapReady` becomes "true" and reports it to Node,
 * so neither page has to time itself. The binding goes over the DevTools
 * protocol, which the app's Content-Security-Policy (no eval) does not
 * block, unlike Playwright's string predicates.
 */
const RECORD_READY_SCRIPT = `(() => {
  let reported = false;
  const record = () => {
    if (reported || !document.body || document.body.dataset.mapReady !== 'true') return;
    reported = true;
    window.${REPORT_FUNCTION}(performance.now());
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-map-ready'],
  });
})();`;

/** A page to time, with the URL that opens it. */
export interface MapPage {
  label: string;
  url: string;
}

/** Timings of one page after the warm-up, or why it could not be timed. */
export type MapTiming =
  | { label: string; measured: true; samples: number[] }
  | { label: string; measured: false; reason: string };

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

function describeTimeout(pageErrors: string[]): string {
  const seen = pageErrors.length > 0 ? ` Page errors: ${pageErrors.join(' | ')}` : '';
  return `document.body.dataset.mapReady was not "true" within ${READY_TIMEOUT_MS} ms.${seen}`;
}

/**
 * Opens `url` in a new browser context (empty cache and storage) and
 * returns the milliseconds from navigation start to mapReady.
 */
async function timeOneLoad(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const pageErrors: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    let reportReady: (ms: number) => void = () => {};
    const ready = new Promise<number>((resolve, reject) => {
      reportReady = resolve;
      timer = setTimeout(() => reject(new Error(describeTimeout(pageErrors))), READY_TIMEOUT_MS);
    });
    await page.exposeFunction(REPORT_FUNCTION, (ms: number) => reportReady(ms));
    await page.addInitScript({ content: RECORD_READY_SCRIPT });
    await page.goto(url, { waitUntil: 'commit' });
    return await ready;
  } finally {
    clearTimeout(timer);
    await context.close();
  }
}

/**
 * Loads each page `runs` times, taking the pages in turn so that a slow
 * spell of the machine hits all of them alike, and drops each page's first
 * load as a warm-up. A page that fails once is not loaded again and is
 * reported with the reason.
 */
export async function timeMapPages(
  browser: Browser,
  pages: readonly MapPage[],
  runs: number,
  onProgress: (message: string) => void,
): Promise<MapTiming[]> {
  const samples = pages.map((): number[] => []);
  const failures = pages.map((): string | null => null);

  for (let run = 0; run < runs; run++) {
    for (const [index, page] of pages.entries()) {
      if (failures[index] !== null) continue;
      try {
        const ms = await timeOneLoad(browser, page.url);
        if (run > 0) samples[index].push(ms);
        onProgress(`${page.label} load ${run + 1}/${runs}: ${ms.toFixed(0)} ms`);
      } catch (error) {
        failures[index] = (error as Error).message;
        onProgress(`${page.label} load ${run + 1}/${runs} failed: ${failures[index]}`);
      }
    }
  }

  return pages.map((page, index): MapTiming => {
    const reason = failures[index];
    if (reason !== null) return { label: page.label, measured: false, reason };
    return { label: page.label, measured: true, samples: samples[index] };
  });
}
