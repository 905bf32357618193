import { describe, expect, it } from 'vitest';
import { notebookFileName, parseNotebook, serialiseNotebook } from '../../../src/lib/notebook/file';
import {
  emptyNotebook,
  insertCell,
  makeCell,
  moveCell,
  removeCell,
} from '../../../src/lib/notebook/model';
import { fingerprint } from '../../../src/lib/notebook/fingerprint';

function sample() {
  let doc = emptyNotebook('Chapter 3: deaths');
  doc = insertCell(doc, makeCell('markdown', { id: 'a', source: '# Deaths' }));
  doc = insertCell(doc, makeCell('sql', { id: 'b', source: 'SELECT 1' }));
  doc = insertCell(doc, makeCell('chart', { id: 'c', sourceCellId: 'b', x: 'x', y: 'y' }));
  doc = insertCell(
    doc,
    makeCell('view', { id: 'd', viewId: 'cjs-treatment', options: {}, focalArea: 'E06000010' }),
  );
  return {
    ...doc,
    parameters: { ...doc.parameters, focalArea: 'E06000031', comparator: 'neighbours' as const },
    dataSources: [
      {
        table: 'deaths_file',
        fileName: 'deaths.csv',
        size: 120,
        fingerprint: 'sha256:' + 'ab'.repeat(32),
        textColumns: [],
      },
    ],
    // How the file was mapped into the canonical tables: replayed when the notebook is reopened.
    mappings: [
      {
        table: 'deaths_file',
        mapping: {
          version: 1,
          canonical: 'deaths',
          columns: {},
          knownFormat: 'ons-drug-deaths-3yr-asr',
        },
      },
    ],
  };
}

describe('the notebook file', () => {
  it('round-trips cells (view cells too), parameters, data sources and column mappings', () => {
    const doc = sample();
    const parsed = parseNotebook(serialiseNotebook(doc));
    expect(parsed).toEqual({ ok: true, doc });
  });

  it('is readable and diffable: indented, one key per line, stable order', () => {
    const text = serialiseNotebook(sample(), new Date('2026-01-02T03:04:05Z'));
    expect(text.split('\n').slice(0, 5)).toEqual([
      '{',
      '  "format": "jsna-notebook",',
      '  "version": 1,',
      '  "title": "Chapter 3: deaths",',
      '  "savedAt": "2026-01-02T03:04:05.000Z",',
    ]);
    expect(serialiseNotebook(sample(), new Date(0))).toBe(serialiseNotebook(sample(), new Date(0)));
  });

  it.each([
    ['not JSON', '{"format":', /not valid JSON/],
    ['another format', '{"format":"ipynb","cells":[]}', /not a jsna-notebook file/],
    [
      'a newer version',
      '{"format":"jsna-notebook","version":2,"cells":[]}',
      /newer version.*file version 2.*up to version 1/,
    ],
    ['no version', '{"format":"jsna-notebook","cells":[]}', /no valid version/],
    [
      'a damaged cell',
      '{"format":"jsna-notebook","version":1,"cells":[{"id":"a","kind":"python"}]}',
      /cell 1 is of an unknown kind/,
    ],
    [
      'duplicate cell ids',
      '{"format":"jsna-notebook","version":1,"cells":[{"id":"a","kind":"sql","source":""},{"id":"a","kind":"sql","source":""}]}',
      /cell 2 has the same id as an earlier cell/,
    ],
  ])('refuses %s with a message', (_label, text, message) => {
    const r = parseNotebook(text, 'x.jsna.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.message).toMatch(/Nothing was changed/);
    }
  });

  it('makes a safe file name from the title', () => {
    expect(notebookFileName('Drug deaths: 2019/21 <draft>')).toBe(
      'Drug-deaths-201921-draft.jsna.json',
    );
    expect(notebookFileName('   ')).toBe('notebook.jsna.json');
  });
});

describe('cell operations', () => {
  it('moves within bounds only and unlinks charts from a deleted source', () => {
    const doc = sample();
    expect(moveCell(doc, 'a', -1)).toBe(doc);
    expect(moveCell(doc, 'd', 1)).toBe(doc);
    expect(moveCell(doc, 'c', -1).cells.map((c) => c.id)).toEqual(['a', 'c', 'b', 'd']);
    const removed = removeCell(doc, 'b');
    expect(removed.cells.map((c) => c.id)).toEqual(['a', 'c', 'd']);
    expect(removed.cells[1]).toMatchObject({ kind: 'chart', sourceCellId: null });
  });
});

describe('data file fingerprints', () => {
  it('is the SHA-256 of the file for ordinary files', async () => {
    // SHA-256("abc"), the FIPS 180-2 test vector.
    expect(await fingerprint(new Blob(['abc']))).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
