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
