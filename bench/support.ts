import { NodeConnector } from '../lib/data/connectors/node';
import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory of all Chromium renderer processes (one tab: its page and its workers). */
export function rendererRssBytes(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      /* process ended */
    }
  }
  return total;
}

/** Polls a URL of a server just started until it answers (60 s at most). */
export async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not start');
}

/** The demo corpus's texts in id order (= its file order). */
export async function demoTexts(path = 'public/demo/demo.parquet'): Promise<string[]> {
  const conn = await NodeConnector.open();
  try {
    return (await conn.query(`SELECT text FROM '${path}' ORDER BY id`)).map((r) => String(r.text ?? ''));
  } finally {
    conn.close();
  }
}

/**
 * Slider steps driven inside the page: each sets the drop-ratio slider and times the input event
 * to the moment the control shows that ratio's counts (latency) and to the next frame (paint);
 * `compute` is the selection's own time as the control reports it. Requests to `resource` made
 * meanwhile are listed with their Server-Timing `engine` time. Passed as a string: tsx would wrap
 * named functions in a helper the page does not have.
 */
export async function sliderSteps(page: import('@playwright/test').Page, steps: number, resource = '/api/engine') {
  return (await page.evaluate(`(async () => {
    const slider = document.querySelector('[data-testid="drop-ratio-slider"]');
    const control = document.querySelector('[data-testid="drop-ratio-control"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const out = [];
    const requests = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name.endsWith(${JSON.stringify(resource)})) requests.push({ duration: e.duration, engine: e.serverTiming.find((t) => t.name === 'engine')?.duration ?? NaN });
    });
    observer.observe({ type: 'resource' });
    for (let i = 0; i < ${steps}; i++) {
      const percent = (((i * 37) % 190) + 1) / 2;
      const want = String(percent / 100);
      const t0 = performance.now();
      await new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (control.getAttribute('data-ratio') === want) { obs.disconnect(); resolve(); }
        });
        obs.observe(control, { attributes: true });
        setValue.call(slider, String(percent));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const latency = performance.now() - t0;
      await new Promise((r) => requestAnimationFrame(() => r()));
      out.push({ latency, paint: performance.now() - t0, compute: Number(control.getAttribute('data-compute-ms')) });
    }
    observer.disconnect();
    return { steps: out, requests };
  })()`)) as { steps: Array<{ latency: number; paint: number; compute: number }>; requests: Array<{ duration: number; engine: number }> };
}
