/**
 * A view environment with the notebook's groups in its area directory: the environment is read
 * once per change of tables, the groups change with the notebook, so they are laid over it here
 * instead of rebuilding the directory.
 */
import type { AreaGroup } from '../domain/areas';
import type { AreaDirectory, ViewEnvironment } from '../views/context';

export function withGroups(env: ViewEnvironment, groups: readonly AreaGroup[]): ViewEnvironment {
  if (groups.length === 0 && env.areas.groups.length === 0) return env;
  const byCode = new Map(groups.map((g) => [g.code, g]));
  const base = env.areas;
  const areas: AreaDirectory = {
    upperTier: base.upperTier,
    lowerTier: base.lowerTier,
    groups,
    get: (code) => base.get(code),
    name: (code, fallback) => byCode.get(code)?.name ?? base.name(code, fallback),
    neighbours: (code) => base.neighbours(code),
  };
  return { ...env, areas };
}
