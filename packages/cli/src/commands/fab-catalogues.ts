// The fault catalogues of the fab's tools (docs/fab.md §11.8), for their fault-point coverage: the
// file a tool's configuration names (relative to the configuration file), and for the simulated
// bonders of `fab up --demo` the catalogue they ship with. A catalogue that does not load is a
// CliError (exit 2) naming the tool and the file.
import { dirname, resolve } from 'node:path';
import { formatIssues } from '@bondline/core';
import type { CataloguePoint, FabConfig } from '@bondline/fab';
import { type FaultCatalogue, loadCatalogue } from '@bondline/tool';
import { CliError } from '../cli-error.js';

function points(c: FaultCatalogue): CataloguePoint[] {
  return c.points.map((p) => ({
    id: p.id,
    module: p.module,
    name: p.name,
    severity: p.severity,
    ...(p.alarm === undefined ? {} : { alid: p.alarm.alid }),
  }));
}

/** Each tool's catalogue points: the configured file, else (demo tools) the shipped catalogue. */
export async function cataloguesOf(
  config: Pick<FabConfig, 'tools'>,
  configPath: string | undefined,
  demoToolIds: readonly string[],
): Promise<(toolId: string) => readonly CataloguePoint[] | undefined> {
  const byTool = new Map<string, readonly CataloguePoint[]>();
  const dir = configPath === undefined ? process.cwd() : dirname(resolve(configPath));
  for (const t of config.tools) {
    if (t.catalogue === undefined) continue;
    const file = resolve(dir, t.catalogue);
    const c = await loadCatalogue(file);
    if (!c.ok) throw new CliError(`tools ${t.id} catalogue ${file}: ${formatIssues(c.issues)}`);
    byTool.set(t.id, points(c.value));
  }
  if (demoToolIds.length > 0) {
    const shipped = await loadCatalogue();
    if (!shipped.ok)
      throw new CliError(`the simulated bonder's catalogue: ${formatIssues(shipped.issues)}`, {
        exitCode: 1,
      });
    const p = points(shipped.value);
    for (const id of demoToolIds) if (!byTool.has(id)) byTool.set(id, p);
  }
  return (toolId) => byTool.get(toolId);
}
