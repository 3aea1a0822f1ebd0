// The reference tables of docs/tool.md §7, generated from the tool's equipment model: every id, type,
// unit and limit comes from the model a GemEquipment runs, the meaning from the tables the model was
// built from (documented.ts). A test holds the document to these tables, so it cannot drift.

import type { EquipmentModel, Value, VariableDef } from '@bondline/secs';
import type { ToolConfig } from '../config/tool-config-types.js';
import { MODULE_KINDS } from '../module-kind.js';
import { toolCollectionEvents } from './tool-collection-events.js';
import { TOOL_CONSTANTS } from './tool-constants.js';
import { toolVariables } from './tool-equipment-model.js';
import { TOOL_REMOTE_COMMANDS } from './tool-remote-commands.js';
import { moduleSvName } from './tool-status-variables.js';
import { TRACE_VARIABLES } from './trace-variables.js';

/** The tables by name: `sv`, `module-sv`, `ec`, `dv`, `ce`, `trace`, `rcmd`. */
export type GemTables = Record<'sv' | 'module-sv' | 'ec' | 'dv' | 'ce' | 'trace' | 'rcmd', string>;

/** A Markdown row; a `|` inside a cell (|mean| + 3 sigma) is escaped so it does not split the cell. */
const row = (cells: readonly string[]): string =>
  `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');

const code = (s: string): string => `\`${s}\``;
const shown = (v: Value | number | undefined): string =>
  v === undefined ? '' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v);

/** The meaning of `name` from `docs`; a model entry without one is a bug in the tables. */
function meaning(docs: ReadonlyMap<string, string>, name: string): string {
  const d = docs.get(name);
  if (d === undefined) throw new RangeError(`no meaning documented for ${name}`);
  return d;
}

/** The tables of a tool with `config`'s modules whose model is `model`. */
export function gemReferenceTables(model: EquipmentModel, config: Pick<ToolConfig, 'modules'>): GemTables {
  const vars = toolVariables(config);
  const docs = new Map([...vars.status, ...vars.data, ...TOOL_CONSTANTS].map((v) => [v.name, v.doc]));
  const names = new Map(
    [...model.statusVariables, ...model.dataVariables, ...model.equipmentConstants].map((v) => [
      v.id,
      v.name,
    ]),
  );
  const variableRows = (list: readonly VariableDef[]) =>
    list.map((v) => [String(v.id), code(v.name), v.type, v.unit, meaning(docs, v.name)]);
  const svId = (name: string) => model.statusVariables.find((v) => v.name === name)?.id;
  const eventDocs = new Map(toolCollectionEvents().map((e) => [e.name, e.doc]));
  return {
    sv: table(
      ['SVID', 'name', 'type', 'unit', 'meaning'],
      variableRows(model.statusVariables.filter((v) => v.id < 1100)),
    ),
    'module-sv': table(
      ['module', 'kind', 'State', 'E10State', 'Substrates', 'trace variables'],
      config.modules.map((m) => [
        m.id,
        m.kind,
        shown(svId(moduleSvName.state(m.id))),
        shown(svId(moduleSvName.e10(m.id))),
        shown(svId(moduleSvName.substrates(m.id))),
        (TRACE_VARIABLES[m.kind] ?? [])
          .map(
            (t) =>
              `${shown(svId(moduleSvName.trace(m.id, t.suffix)))} ${code(moduleSvName.trace(m.id, t.suffix))}`,
          )
          .join(', '),
      ]),
    ),
    ec: table(
      ['ECID', 'name', 'type', 'unit', 'min', 'max', 'default', 'meaning'],
      model.equipmentConstants.map((c) => [
        String(c.id),
        code(c.name),
        c.type,
        c.unit,
        shown(c.min),
        shown(c.max),
        shown(c.default),
        meaning(docs, c.name),
      ]),
    ),
    dv: table(['DVID', 'name', 'type', 'unit', 'meaning'], variableRows(model.dataVariables)),
    ce: table(
      ['CEID', 'name', 'data variables', 'meaning'],
      model.events.map((e) => [
        String(e.id),
        code(e.name),
        e.data.map((id) => names.get(id) ?? String(id)).join(', '),
        meaning(eventDocs, e.name),
      ]),
    ),
    trace: table(
      ['module kind', 'controller value', 'status variable', 'unit', 'meaning'],
      MODULE_KINDS.flatMap((kind) =>
        (TRACE_VARIABLES[kind] ?? []).map((t) => [
          kind,
          code(t.source),
          code(`<module>${t.suffix}`),
          t.unit,
          t.doc,
        ]),
      ),
    ),
    rcmd: table(
      ['command', 'parameters', 'what it does', 'HCACK'],
      model.remoteCommands.map((c) => {
        const def = TOOL_REMOTE_COMMANDS.find((d) => d.name === c.name);
        if (def === undefined) throw new RangeError(`no documentation for remote command ${c.name}`);
        const paramDocs: Readonly<Record<string, string>> = def.paramDocs;
        const params = c.params.map(
          (p) =>
            `${code(p.name)} ${p.type}${p.required === false ? ' (optional)' : ''}: ${paramDocs[p.name] ?? ''}`,
        );
        return [code(c.name), params.join('; ') || 'none', def.doc, def.answers];
      }),
    ),
  };
}
