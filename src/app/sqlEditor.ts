/**
 * The SQL cell's editor: CodeMirror 6 with DuckDB-flavoured SQL highlighting, completion of the
 * loaded tables' names and columns, bracket matching, and Ctrl/Cmd+Enter to run. Loaded lazily
 * (a dynamic import from SqlCell.svelte) so the first paint does not wait for it.
 *
 * CSP: CodeMirror (style-mod) writes its styles into a <style> element when it is mounted in the
 * document, which `style-src 'self'` blocks. Mounted in a shadow root, it uses constructed
 * stylesheets (adoptedStyleSheets) instead, which the CSP allows; so the editor lives in the
 * host element's shadow root and carries its own theme (the app's stylesheet does not reach it).
 * Keyboard: Tab is not captured (no indentWithTab), so focus can always leave the editor.
 */
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { Compartment, EditorState } from '@codemirror/state';
import { basicSetup } from 'codemirror';
import { sql, PostgreSQL, SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { completeFromList, type Completion } from '@codemirror/autocomplete';

/** DuckDB's grammar follows PostgreSQL's; these are the keywords it adds. */
const DUCKDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} qualify pivot unpivot exclude replace summarize describe asof positional sample pragma install load attach detach macro struct list map union_by_name`,
});

export interface SqlEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Tables and their columns, for completion. */
  schema: Record<string, string[]>;
  onChange(source: string): void;
  onRun(): void;
  describedBy: string;
}

export interface SqlEditorHandle {
  setSchema(schema: Record<string, string[]>): void;
  /** The ids of the help and error texts that describe the editor. */
  setDescribedBy(ids: string): void;
  setDoc(doc: string): void;
  focus(): void;
  destroy(): void;
}

/** The app's look inside the shadow root: monospace, a visible focus ring (WCAG 2.4.7/2.4.11). */
const THEME = EditorView.theme({
  '&': { backgroundColor: '#fff', color: '#0b0c0c', fontSize: '0.95rem', maxHeight: '24rem' },
  '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, Menlo, Consolas, monospace' },
  '&.cm-focused': { outline: '3px solid #ffdd00', boxShadow: '0 0 0 6px #0b0c0c' },
  '.cm-gutters': { backgroundColor: '#f3f2f1', color: '#505a5f', borderRight: '1px solid #b1b4b6' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: '#1d70b8', color: '#fff' },
  '.cm-placeholder': { color: '#505a5f' },
});

/**
 * Tables complete by name and `table.` completes its columns (lang-sql); column names also
 * complete on their own, with the tables that have them as detail, as analysts rarely qualify.
 */
function language(schema: Record<string, string[]>) {
  const tablesOf = new Map<string, string[]>();
  for (const [table, columns] of Object.entries(schema))
    for (const c of columns) tablesOf.set(c, [...(tablesOf.get(c) ?? []), table]);
  const columns: Completion[] = [...tablesOf].map(([label, tables]) => ({
    label,
    type: 'property',
    detail: tables.length > 3 ? `${tables.slice(0, 3).join(', ')}…` : tables.join(', '),
  }));
  return [
    sql({ dialect: DUCKDB, schema: schema as SQLNamespace, upperCaseKeywords: true }),
    DUCKDB.language.data.of({ autocomplete: completeFromList(columns) }),
  ];
}

export function createSqlEditor(o: SqlEditorOptions): SqlEditorHandle {
  const root = o.parent.shadowRoot ?? o.parent.attachShadow({ mode: 'open' });
  root.replaceChildren();
  const mount = document.createElement('div');
  root.appendChild(mount);
  const lang = new Compartment();
  const attributes = new Compartment();
  const contentAttributes = (describedBy: string) =>
    EditorView.contentAttributes.of({
      'aria-label': 'SQL',
      'aria-describedby': describedBy,
      spellcheck: 'false',
    });
  const view = new EditorView({
    root,
    parent: mount,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        keymap.of([
          {
            key: 'Mod-Enter',
            preventDefault: true,
            run: () => {
              o.onRun();
              return true;
            },
          },
        ]),
        basicSetup,
        THEME,
        lang.of(language(o.schema)),
        placeholderText('SELECT * FROM …'),
        EditorView.lineWrapping,
        attributes.of(contentAttributes(o.describedBy)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  // The table list changes more often than its names do (row counts, suppressed-cell counts
  // filled in after a load): reconfiguring would close an open completion list under the user.
  let names = JSON.stringify(o.schema);
  return {
    setSchema(schema) {
      const next = JSON.stringify(schema);
      if (next === names) return;
      names = next;
      view.dispatch({ effects: lang.reconfigure(language(schema)) });
    },
    setDescribedBy: (ids) =>
      view.dispatch({ effects: attributes.reconfigure(contentAttributes(ids)) }),
    setDoc(doc) {
      if (doc === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
