/**
 * Build-time fixes that keep the app free of string evaluation, so it runs under a CSP without
 * 'unsafe-eval' and the browser's issue panel stays clean (issue 13, item 8).
 *
 * 1. The DuckDB worker. Its Emscripten glue builds each "method caller" (how C++ calls a
 *    JavaScript method through `emscripten::val`) with `new Function(...)`. DuckDB-WASM calls
 *    one such method: `DUCKDB_RUNTIME.progressUpdate(done, percentage, repetitions)`, from its
 *    progress-bar display. The first progress update of a session therefore evaluated a string;
 *    under the CSP that throws `EvalError` inside the query, which then fails ("Evaluating a
 *    string as JavaScript violates the Content Security Policy"). Whether a query got that far
 *    depended on timing, hence "one demo load in five". The patch replaces the generated caller
 *    with an ordinary closure that does exactly what the generated code did (read each argument
 *    from the wasm stack, call `func` as a method, constructor or plain function, convert the
 *    return value). The rest of the glue's `eval`/`Function` sites are unreachable in this build:
 *    the wasm registers no embind functions or classes (so `craftInvokerFunction` never runs),
 *    calls no `emscripten_run_script*`, and loads no side modules (extensions are disabled).
 *
 * 2. The main bundle. `@stdlib/assert-has-generator-support` (pulled in by the @stdlib quantile
 *    functions) probes for `function*` by evaluating a string. Every browser this app targets
 *    (ES2022) has generators, so the module is replaced by one that says so.
 */
import type { Plugin } from 'vite';

const METHOD_CALLER =
  /function __emval_get_method_caller\(([A-Za-z_$][\w$]*),([A-Za-z_$][\w$]*),([A-Za-z_$][\w$]*)\)\{[\s\S]*?\}(?=__emval_get_method_caller\.sig=)/;

/** The generated-code-free method caller (same semantics as Emscripten's, without `Function`). */
const SAFE_METHOD_CALLER = `function __emval_get_method_caller(argCount,argTypes,kind){argTypes>>>=0;var types=emval_lookupTypes(argCount,argTypes),retType=types.shift();argCount--;var caller=function(obj,func,destructorsRef,args){var argv=new Array(argCount),offset=0;for(var i=0;i<argCount;++i){argv[i]=types[i].readValueFromPointer(args+offset);offset+=types[i].argPackAdvance}var rv=kind===1?Reflect.construct(func,argv):kind===0?func.apply(obj,argv):func.apply(argv[0],argv.slice(1));return retType.isVoid?undefined:emval_returnValue(retType,destructorsRef,rv)};var name="methodCaller<("+types.map(function(t){return t.name}).join(", ")+") => "+retType.name+">";return emval_addMethodCaller(createNamedFunction(name,caller))}`;

/** Names the replacement relies on; if a new duckdb-wasm renames them, the build must fail. */
const REQUIRED_GLUE = [
  'emval_lookupTypes',
  'emval_returnValue',
  'emval_addMethodCaller',
  'createNamedFunction',
];

/** Returns the worker source with the CSP-safe method caller, or throws if it cannot. */
export function patchDuckdbWorker(source: string, fileName: string): string {
  if (!METHOD_CALLER.test(source))
    throw new Error(
      `${fileName}: __emval_get_method_caller not found; the DuckDB worker CSP patch (tools/vite/cspClean.ts) must be updated for this duckdb-wasm version.`,
    );
  for (const name of REQUIRED_GLUE)
    if (!source.includes(name))
      throw new Error(`${fileName}: ${name} not found; update tools/vite/cspClean.ts.`);
  const patched = source.replace(METHOD_CALLER, SAFE_METHOD_CALLER);
  if (/__emval_get_method_caller[^}]*newFunc\(Function/.test(patched))
    throw new Error(`${fileName}: the DuckDB worker still generates method callers.`);
  return patched;
}

const PROGRESS_BRANCH =
  'if(WebAssembly.instantiateStreaming)if(typeof TransformStream=="function")';
const NO_PROGRESS_WARNING =
  'console.warn("instantiating without progress handler since transform streams are unavailable");';

/**
 * Second-visit start-up: DuckDB's worker wraps the wasm download in a TransformStream to count
 * bytes, which hands streaming compilation a new Response with no URL, so the browser cannot
 * reuse the machine code it compiled last time. When the page knows the wasm is in the offline
 * cache it starts the worker as `...worker.js#cached`; the patched worker then passes the
 * cached response straight to `WebAssembly.instantiateStreaming` (its existing no-progress
 * branch, without the warning). Fails the build if the code it patches has changed.
 */
export function patchWasmStreamingFromCache(source: string, fileName: string): string {
  if (!source.includes(PROGRESS_BRANCH) || !source.includes(NO_PROGRESS_WARNING))
    throw new Error(
      `${fileName}: the wasm instantiation code has changed; update patchWasmStreamingFromCache in tools/vite/cspClean.ts.`,
    );
  return source
    .replace(
      PROGRESS_BRANCH,
      'if(WebAssembly.instantiateStreaming)if(typeof TransformStream=="function"&&self.location.hash!=="#cached")',
    )
    .replace(NO_PROGRESS_WARNING, `self.location.hash==="#cached"||${NO_PROGRESS_WARNING}`);
}

const WORKER_ASSET = /duckdb-browser-(eh|mvp)\.worker[^/]*\.js$/;

/** Patches the DuckDB worker files (both patches above) as they are written into the build. */
export function duckdbWorkerWithoutEval(): Plugin {
  return {
    name: 'jsna-duckdb-worker-without-eval',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      let patched = 0;
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !WORKER_ASSET.test(file.fileName)) continue;
        const text =
          typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        file.source = patchWasmStreamingFromCache(
          patchDuckdbWorker(text, file.fileName),
          file.fileName,
        );
        patched++;
      }
      if (patched === 0)
        this.warn('no DuckDB worker found in the bundle to patch (is the engine still imported?)');
    },
  };
}

const GENERATOR_PROBE = '@stdlib/assert-has-generator-support';
const GENERATOR_PROBE_ID = '\0jsna-has-generator-support';

/** Replaces @stdlib's eval-based `function*` probe by its known answer. */
export function noEvalFeatureProbes(): Plugin {
  return {
    name: 'jsna-no-eval-feature-probes',
    enforce: 'pre',
    resolveId(id) {
      return id === GENERATOR_PROBE ? GENERATOR_PROBE_ID : null;
    },
    load(id) {
      if (id !== GENERATOR_PROBE_ID) return null;
      // CommonJS like the module it replaces (its users `require()` it).
      return 'module.exports = function hasGeneratorSupport() { return true; };\n';
    },
  };
}
