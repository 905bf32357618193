/**
 * The steps after a load that the app and the demo's build share (src/lib/ingest/addLoadedFile.ts),
 * through the real engine: a file named like a canonical table keeps its rows under another
 * name, its rows record the file they came from, the area-code notes counted after the rows
 * went in come first, and a file that matches nothing is left for the analyst to map.
 */
import { describe, expect, it } from 'vitest';
import { testEngine } from '../engine/nodeEngine';
import { loadCsv } from '../../../src/lib/ingest/csv';
import {
  addToCanonical,
  keepClearOfCanonical,
  mappingProduces,
  NOT_MATCHED,
  proposeMapping,
} from '../../../src/lib/ingest/addLoadedFile';
import { renameSource } from '../../../src/lib/schema';
import { listTables, renameTable } from '../../../src/lib/tables/catalog';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('adding a loaded file to the canonical tables', () => {
  it('renames deaths.csv to deaths_file, adds its rows with provenance, notes old codes first', async () => {
    const engine = await testEngine();
    // E08000016 is Barnsley's code before 2021: recoded, with a note.
    const csv = [
      'area_code,period,sex,age_band,measure,deaths',
      'E06000001,2017,Persons,25-29,drug_poisoning,2',
      'E08000016,2017,Persons,30-34,drug_poisoning,3',
    ].join('\n');
    const loaded = await loadCsv(engine, {
      fileName: 'deaths.csv',
      source: { kind: 'bytes', bytes: bytes(csv) },
      tableName: 'deaths',
      textColumns: [],
    });
    const { proposal, confident, message } = await proposeMapping(
      engine,
      loaded.table,
      'deaths.csv',
    );
    expect(confident).not.toBeNull();
    expect(confident).toBe(proposal.mapping);
    expect(message).toBe(proposal.explanation);
    expect(mappingProduces(confident!)).toEqual(['deaths']);

    const renamed: [string, string][] = [];
    const raw = await keepClearOfCanonical(
      'deaths',
      confident!,
      (await listTables(engine)).map((t) => t.name),
      async (from, to) => {
        renamed.push([from, to]);
        await renameTable(engine, from, to);
        await renameSource(engine, from, to);
      },
    );
    expect(raw).toBe('deaths_file');
    expect(renamed).toEqual([['deaths', 'deaths_file']]);

    const rows = await addToCanonical(engine, raw, confident!, 'deaths.csv');
    expect(rows.result.rowsAdded).toEqual({ deaths: 2 });
    expect(rows.message).toBe('Added 2 rows to deaths.');
    const sources = (
      await engine.query(
        `SELECT DISTINCT source_id, source_file FROM deaths WHERE source_id = 'deaths_file'`,
      )
    ).toRows();
    expect(sources).toEqual([{ source_id: 'deaths_file', source_file: 'deaths.csv' }]);

    // The old code is counted by the checks, after the rows are in, and goes first.
    expect(rows.result.notes.some((n) => n.includes('E08000016'))).toBe(false);
    const { findings, result } = await rows.check();
    expect(result.notes[0]).toContain('E08000016');
    expect(result.notes.slice(1)).toEqual(rows.result.notes);
    expect(Array.isArray(findings)).toBe(true);
  });

  it('keeps a table whose name is not canonical as it is', async () => {
    const engine = await testEngine();
    const { confident } = await proposeMapping(engine, 'deaths_file', 'deaths.csv');
    let asked = false;
    const raw = await keepClearOfCanonical('deaths_file', confident!, [], async () => {
      asked = true;
    });
    expect(raw).toBe('deaths_file');
    expect(asked).toBe(false);
  });

  it('leaves a file that matches no canonical table for the analyst to map', async () => {
    const engine = await testEngine();
    const loaded = await loadCsv(engine, {
      fileName: 'shopping.csv',
      source: { kind: 'bytes', bytes: bytes('fruit,price\napple,3\npear,4') },
      tableName: 'shopping',
      textColumns: [],
    });
    const { confident, message } = await proposeMapping(engine, loaded.table, 'shopping.csv');
    expect(confident).toBeNull();
    expect(message).toBe(NOT_MATCHED);
  });
});
