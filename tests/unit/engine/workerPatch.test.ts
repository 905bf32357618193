/**
 * The build's patches to the DuckDB worker (tools/vite/cspClean.ts): they apply to the worker
 * files of the installed duckdb-wasm, and the method caller that replaces Emscripten's generated
 * one behaves exactly like it (same arguments read from the wasm stack, same `this`, same
 * constructor call, same return conversion) for every kind of call.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchDuckdbWorker, patchWasmStreamingFromCache } from '../../../tools/vite/cspClean';

const require = createRequire(import.meta.url);
const dist = (f: string) => require.resolve(`@duckdb/duckdb-wasm/dist/${f}`);
const WORKERS = ['duckdb-browser-eh.worker.js', 'duckdb-browser-mvp.worker.js'];

const CALLER = /function __emval_get_method_caller\([\s\S]*?\}(?=__emval_get_method_caller\.sig=)/;
const NEW_FUNC = /function newFunc\([\s\S]*?return \w+ instanceof Object\?\w+:\w+\}/;

type Caller = (obj: unknown, func: unknown, destructorsRef: number, args: number) => unknown;

/** Builds `__emval_get_method_caller` from its source text, over a small fake of the glue. */
function load(callerSource: string, newFuncSource: string) {
  // A fake wasm stack: each argument is 8 bytes apart, its value looked up by address.
  const stack = new Map<number, unknown>();
  const argType = (name: string) => ({
    name,
    argPackAdvance: 8,
    readValueFromPointer: (p: number) => stack.get(p),
  });
  const types = [{ name: 'ret', isVoid: false }, argType('a'), argType('b'), argType('c')];
  const voidTypes = [{ name: 'void', isVoid: true }, argType('a')];
  let table = types;
  const glue = {
    emval_lookupTypes: (n: number) => table.slice(0, n),
    emval_returnValue: (ret: { name: string }, ref: number, rv: unknown) => ({
      ret: ret.name,
      ref,
      rv,
    }),
    emval_addMethodCaller: (f: Caller) => f,
    createNamedFunction: (name: string, f: Caller) =>
      Object.defineProperty(f, 'name', { value: name }),
  };
  const make = new Function(
    ...Object.keys(glue),
    `${newFuncSource}\n${callerSource}\nreturn __emval_get_method_caller;`,
  )(...Object.values(glue)) as (argCount: number, argTypes: number, kind: number) => Caller;
  return {
    stack,
    caller(argCount: number, kind: number, isVoid = false): Caller {
      table = isVoid ? voidTypes : types;
      return make(argCount, 0, kind);
    },
  };
}

describe('the DuckDB worker patches', () => {
  for (const file of WORKERS) {
    const source = readFileSync(dist(file), 'utf8');

    it(`${file}: the method caller no longer builds code from strings`, () => {
      const patched = patchWasmStreamingFromCache(patchDuckdbWorker(source, file), file);
      expect(patched.match(CALLER)![0]).not.toMatch(/newFunc\(|\bFunction\(/);
      expect(source.match(CALLER)![0]).toMatch(/newFunc\(Function/);
      expect(patched).toContain('self.location.hash!=="#cached"');
    });

    it(`${file}: the patched method caller does what the generated one did`, () => {
      const newFunc = source.match(NEW_FUNC)![0];
      const original = load(source.match(CALLER)![0], newFunc);
      const patched = load(patchDuckdbWorker(source, file).match(CALLER)![0], newFunc);
      for (const env of [original, patched]) {
        env.stack.set(100, 1.5);
        env.stack.set(108, 'two');
        env.stack.set(116, 3);
      }
      const obj = { tag: 'obj' };
      function target(this: unknown, ...args: unknown[]) {
        return { self: this, args };
      }
      class Made {
        args: unknown[];
        constructor(...args: unknown[]) {
          this.args = args;
        }
      }
      const run = (env: ReturnType<typeof load>) => ({
        method: env.caller(4, 0)(obj, target, 7, 100),
        ctor: env.caller(4, 1)(obj, Made, 7, 100),
        plain: env.caller(4, 2)(obj, target, 7, 100),
        voidCall: env.caller(2, 0, true)(obj, target, 7, 100),
        name: env.caller(4, 0).name,
      });
      const a = run(original);
      const b = run(patched);
      expect(b).toEqual(a);
      // And what that is: a method call on obj, a constructor call, a call with arg0 as `this`.
      expect(a.method).toEqual({ ret: 'ret', ref: 7, rv: { self: obj, args: [1.5, 'two', 3] } });
      expect((a.ctor as { rv: Made }).rv).toBeInstanceOf(Made);
      expect(a.plain).toMatchObject({ rv: { args: ['two', 3] } });
      expect(a.voidCall).toBeUndefined();
    });
  }

  it('refuses a worker it does not recognise, so an upgrade cannot silently undo the fix', () => {
    expect(() => patchDuckdbWorker('var x=1;', 'other.js')).toThrow(/must be updated/);
    expect(() => patchWasmStreamingFromCache('var x=1;', 'other.js')).toThrow(/has changed/);
  });
});
