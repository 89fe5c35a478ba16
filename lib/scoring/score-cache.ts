/**
 * The browser's cache of computed scores (IndexedDB), shared by the heuristic
 * scorer and the model runner: one entry per dataset fingerprint and scorer
 * version or model hash, so a reload does not recompute.
 */
const DB = 'sift-scores';
const STORE = 'scores';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function cacheOp<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The cached value, or null (none, or no IndexedDB as in private mode: compute again). */
export async function readScoreCache<T>(key: string): Promise<T | null> {
  try {
    return (await cacheOp<T | undefined>('readonly', (s) => s.get(key))) ?? null;
  } catch {
    return null;
  }
}

/** The keys that start with `prefix` (none when IndexedDB is unavailable). */
export async function listScoreCacheKeys(prefix: string): Promise<string[]> {
  try {
    return (await cacheOp<IDBValidKey[]>('readonly', (s) => s.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)))).map(String);
  } catch {
    return [];
  }
}

/** Stores a value; false when the browser refused (quota, private mode). */
export async function writeScoreCache(key: string, value: unknown): Promise<boolean> {
  try {
    await cacheOp('readwrite', (s) => s.put(value, key));
    return true;
  } catch {
    return false;
  }
}
