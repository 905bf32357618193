/**
 * What the app keeps in this browser (IndexedDB, this origin only): the autosaved notebook and,
 * only when the user opts in, copies of the data files. Nothing else is stored anywhere.
 */
const DB_NAME = 'jsna-notebook';
const DB_VERSION = 1;
const NOTEBOOK_STORE = 'notebook';
const FILES_STORE = 'files';

export interface StoredFile {
  table: string;
  fileName: string;
  size: number;
  fingerprint: string;
  textColumns: string[];
  storedAt: string;
  blob: Blob;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(NOTEBOOK_STORE)) db.createObjectStore(NOTEBOOK_STORE);
      if (!db.objectStoreNames.contains(FILES_STORE))
        db.createObjectStore(FILES_STORE, { keyPath: 'table' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Whether anything was ever stored: lets a visit read without creating an empty database. */
export async function storageExists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

export function saveNotebookText(text: string): Promise<IDBValidKey> {
  return withStore(NOTEBOOK_STORE, 'readwrite', (s) =>
    s.put({ text, savedAt: new Date().toISOString() }, 'current'),
  );
}

export async function loadNotebookText(): Promise<{ text: string; savedAt: string } | null> {
  const v = await withStore(NOTEBOOK_STORE, 'readonly', (s) => s.get('current'));
  return (v as { text: string; savedAt: string } | undefined) ?? null;
}

export function storeFile(file: StoredFile): Promise<IDBValidKey> {
  return withStore(FILES_STORE, 'readwrite', (s) => s.put(file));
}

export async function listStoredFiles(): Promise<StoredFile[]> {
  return (await withStore(FILES_STORE, 'readonly', (s) => s.getAll())) as StoredFile[];
}

export function deleteStoredFile(table: string): Promise<undefined> {
  return withStore(FILES_STORE, 'readwrite', (s) => s.delete(table));
}

/** "Forget all local data": removes the whole database (notebook and any kept files). */
export function forgetEverything(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
    // Another tab holding the database open delays deletion; it completes when that tab closes.
    req.onblocked = () => resolve();
  });
}
