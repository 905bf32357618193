/** What the figures were measured on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramBytes: number;
  os: string;
  node: string;
  chromium: string;
  duckdbNative: string;
  duckdbWasmPackage: string;
  duckdbWasmEngine: string;
  playwright: string;
  vite: string;
}

export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (
      JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    // Packages whose exports hide package.json: walk up from the entry point.
    const entry = require.resolve(name);
    const at = entry.lastIndexOf(`node_modules/${name}/`);
    const pkg = entry.slice(0, at + `node_modules/${name}/`.length) + 'package.json';
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
}

export function machineInfo(
  extra: Pick<MachineInfo, 'chromium' | 'duckdbNative' | 'duckdbWasmEngine'>,
): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    ramBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    duckdbWasmPackage: packageVersion('@duckdb/duckdb-wasm'),
    playwright: packageVersion('playwright-core'),
    vite: packageVersion('vite'),
    ...extra,
  };
}
