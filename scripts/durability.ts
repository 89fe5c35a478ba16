/**
 * Durability test for the annotation store (`npm run test:durability`; also
 * run by `npm test` after the end-to-end tests). Four concurrent clients send
 * 10,000 labels through the real API of the built app (`next start`) while the
 * server is killed with SIGKILL twice and restarted. Clients retry a label
 * with the same idempotency key until it is acknowledged. Afterwards every
 * acknowledged label must be present with its content, every idempotency key
 * stored exactly once, and nothing else stored.
 *
 * Usage: npx tsx scripts/durability.ts [labels=10000] [clients=4]
 * Needs a production build (`next build`). Prints one line "durability: …"
 * and exits 0 on success.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { annotationDbPath } from '../lib/annotations/db-path';

const TOTAL = Number(process.argv[2] ?? 10_000);
const CLIENTS = Number(process.argv[3] ?? 4);
const PORT = Number(process.env.SIFT_DURABILITY_PORT ?? 3310);
const BASE = `http://localhost:${PORT}`;
const KILL_AT = [Math.floor(TOTAL * 0.25), Math.floor(TOTAL * 0.6)];
const DATASET = 'durability-test';
const LABELS = ['keep', 'drop', 'unsure'] as const;

const base = mkdtempSync(join(tmpdir(), 'sift-durability-'));
const dataDir = join(base, 'data');
mkdirSync(dataDir);
let server: ChildProcess | null = null;
let restarting: Promise<void> | null = null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${BASE}/api/annotations?dataset=${DATASET}`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('the server did not start within 120 s');
    await sleep(200);
  }
}

async function startServer(): Promise<void> {
  server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], {
    stdio: 'ignore',
    env: { ...process.env, SIFT_DATA_DIR: dataDir, SIFT_DB: annotationDbPath(dataDir, {}), NEXT_TELEMETRY_DISABLED: '1' },
    detached: true,
  });
  await waitForServer();
}

/** SIGKILL the server's whole process group (next start runs a child), then start a new one. */
function killAndRestart(): Promise<void> {
  restarting ??= (async () => {
    const pid = server!.pid!;
    process.kill(-pid, 'SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    await startServer();
    restarting = null;
  })();
  return restarting;
}

interface Sent {
  key: string;
  doc_id: string;
  annotator: string;
  label: (typeof LABELS)[number];
  tags: string[];
  note: string;
}

const acked = new Map<string, { id: number }>();
let retries = 0;
/** Acknowledged with 200: the label had been committed before a kill cut its first answer off. */
let replayed = 0;
let kills = 0;

async function send(item: Sent): Promise<void> {
  for (;;) {
    try {
      const r = await fetch(`${BASE}/api/annotations`, {
        method: 'POST',
        // A non-browser client without a token says which origin it writes for, as the page does.
        headers: { 'Content-Type': 'application/json', Origin: BASE },
        body: JSON.stringify({ dataset: DATASET, doc_id: item.doc_id, annotator: item.annotator, label: item.label, tags: item.tags, note: item.note, idempotency_key: item.key }),
      });
      if (r.status === 200 || r.status === 201) {
        const rec = (await r.json()) as { id: number; idempotency_key: string };
        if (rec.idempotency_key !== item.key) throw new Error(`acknowledged the wrong record for ${item.key}`);
        acked.set(item.key, { id: rec.id });
        if (r.status === 200) replayed++;
        const n = acked.size;
        if (KILL_AT.includes(n)) {
          kills++;
          void killAndRestart();
        }
        return;
      }
      if (r.status < 500) throw new Error(`unexpected ${r.status} for ${item.key}: ${await r.text()}`);
    } catch (error) {
      if ((error as Error).message.startsWith('unexpected') || (error as Error).message.startsWith('acknowledged')) throw error;
    }
    retries++;
    if (restarting) await restarting;
    else await sleep(50);
  }
}

async function client(items: Sent[]): Promise<void> {
  for (const item of items) await send(item);
}

async function main() {
  const t0 = performance.now();
  await startServer();
  const per = Math.ceil(TOTAL / CLIENTS);
  const all: Sent[][] = Array.from({ length: CLIENTS }, (_, c) =>
    Array.from({ length: Math.min(per, TOTAL - c * per) }, (_, i) => ({
      key: `c${c}-${i}`,
      doc_id: `doc-${i % 1000}`,
      annotator: `client-${c}`,
      label: LABELS[(i * 7 + c) % 3],
      tags: i % 5 === 0 ? ['ocr_noise', `t${c}`] : [],
      note: i % 11 === 0 ? `note ${c}-${i} ✓ “quoted”` : '',
    })),
  );
  await Promise.all(all.map((items) => client(items)));
  if (restarting) await restarting;

  // Check through the API, and in the SQLite file itself.
  const history = (await (await fetch(`${BASE}/api/annotations/history?dataset=${DATASET}`)).json()) as { events: Array<{ id: number; idempotency_key: string; doc_id: string; annotator: string; label: string; tags: string[]; note: string }> };
  process.kill(-server!.pid!, 'SIGKILL');
  const byKey = new Map(history.events.map((e) => [e.idempotency_key, e]));
  const problems: string[] = [];
  for (const items of all) {
    for (const item of items) {
      const ack = acked.get(item.key);
      const stored = byKey.get(item.key);
      if (!ack) problems.push(`${item.key}: never acknowledged`);
      else if (!stored) problems.push(`${item.key}: acknowledged (id ${ack.id}) but missing`);
      else if (stored.id !== ack.id || stored.doc_id !== item.doc_id || stored.annotator !== item.annotator || stored.label !== item.label || JSON.stringify(stored.tags) !== JSON.stringify(item.tags) || stored.note !== item.note) {
        problems.push(`${item.key}: stored content differs: ${JSON.stringify(stored)}`);
      }
    }
  }
  if (history.events.length !== TOTAL) problems.push(`${history.events.length} events stored for ${TOTAL} labels`);
  const db = new Database(annotationDbPath(dataDir, {}), { readonly: true });
  const dupes = (db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM annotation_events GROUP BY dataset, annotator, idempotency_key HAVING count(*) > 1)').get() as { n: number }).n;
  db.close();
  if (dupes) problems.push(`${dupes} idempotency keys stored more than once`);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `durability: ${acked.size} of ${TOTAL} labels acknowledged by ${CLIENTS} clients in ${seconds.toFixed(1)} s with ${kills} SIGKILLs and restarts (${retries} retried requests, ${replayed} answered from an earlier commit); ` +
      `${history.events.length} events stored, ${dupes} duplicate idempotency keys, ${problems.length} problems`,
  );
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  rmSync(base, { recursive: true, force: true });
  process.exit(problems.length === 0 && kills === KILL_AT.length ? 0 : 1);
}

main().catch((error) => {
  console.error(`durability: failed: ${error instanceof Error ? error.message : String(error)}`);
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  process.exit(1);
});
