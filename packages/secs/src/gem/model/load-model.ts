// Build an EquipmentModel from untrusted YAML/JSON text or parsed data. The file is read by core's
// parseYamlText (positions, duplicate keys and alias bombs refused) and validated by a zod schema
// (model-schema.ts) through parseWithSchema, so every issue says `file:line:column: key.path: problem`.
// A model whose fields are all well formed is then checked as a whole: ids and names declared twice,
// references between sections, builtin types (model-references.ts, builtin-types.ts), so a model
// that loads is one the equipment can run. Those checks need a well-formed model: a file with field
// issues gets those first.

import { fail, type Issue, issue, parseWithSchema, parseYamlText, type Result } from '@bondline/core';
import { checkBuiltinTypes } from './builtin-types.js';
import type { EquipmentModel } from './equipment-model.js';
import { type ModelIssueCode, ModelIssues, type ModelSource } from './model-issue.js';
import { checkReferences } from './model-references.js';
import { KNOWN_KEYS, type ModelFile, modelSchema } from './model-schema.js';
import type { Value } from './value.js';

/** How a model text is read. */
export interface ModelReadOptions {
  /** Named in every message (the file path). Default `model`. */
  source?: string;
  /** `json` holds the text to strict JSON (for `.json` files). Default `yaml` (JSON is YAML too). */
  format?: 'yaml' | 'json';
}

/** Parse YAML (or JSON) model text: the model, or every issue found with its line and column. */
export function parseModelText(
  text: string,
  options: ModelReadOptions = {},
): Result<EquipmentModel, ModelIssueCode> {
  const source = options.source ?? 'model';
  const doc = parseYamlText(text, { source, format: options.format ?? 'yaml' });
  // After the first syntax error the YAML parser's further ones are mostly its consequences.
  if (!doc.ok) return { ok: false, issues: doc.issues.slice(0, 1) };
  if (doc.value.value === null || doc.value.value === undefined)
    return fail(
      issue('missing', `${source}: the model is empty: it needs at least mdln, softrev and processing`),
    );
  return validateModel(doc.value.value, { source, locate: doc.value.locate });
}

/** Validate parsed data as an equipment model; `where` places issues in the file it came from. */
export function validateModel(
  data: unknown,
  where: ModelSource = {},
): Result<EquipmentModel, ModelIssueCode> {
  const parsed = parseWithSchema(modelSchema, data, where);
  // Every code the schema raises is one of ModelIssueCode (core's schema codes and the schema's own).
  if (!parsed.ok) return { ok: false, issues: parsed.issues.map(withKeyHint) as Issue<ModelIssueCode>[] };
  const model = toModel(parsed.value);
  const issues = new ModelIssues(where);
  checkReferences(model, issues);
  checkBuiltinTypes(model, issues);
  return issues.issues.length === 0 ? { ok: true, value: model } : { ok: false, issues: issues.issues };
}

/** An unknown key's issue with the keys allowed there, so that a typo is easy to see. */
function withKeyHint(i: Issue): Issue {
  if (i.code !== 'unknown-key' || i.path === undefined) return i;
  const parent = i.path
    .replace(/(^|\.)[^.[\]]*$/, '')
    .replace(/\[\d+\]/g, '[]')
    .replace(/^\[\]$/, '');
  const known = KNOWN_KEYS[parent];
  return known === undefined ? i : { ...i, message: `${i.message}; expected one of ${known.join(', ')}` };
}

/** The model from the validated file: defaults filled in, optional fields only where given. */
function toModel(f: ModelFile): EquipmentModel {
  const model: EquipmentModel = {
    mdln: f.mdln,
    softrev: f.softrev,
    deviceId: f.deviceId,
    communication: f.communication,
    spool: defined(f.spool),
    control: { ...f.control, events: defined(f.control.events) },
    processing: {
      states: f.processing.states,
      initial: f.processing.initial ?? f.processing.states[0] ?? '',
      transitions: f.processing.transitions.map(defined),
    },
    // Values and defaults were checked against their declared types by the schema.
    statusVariables: f.statusVariables.map((v) => defined({ ...v, value: v.value as Value | undefined })),
    dataVariables: f.dataVariables.map((v) => defined({ ...v, value: v.value as Value | undefined })),
    equipmentConstants: f.equipmentConstants.map((c) => defined({ ...c, default: c.default as Value })),
    events: f.events,
    alarms: f.alarms.map(defined),
    remoteCommands: f.remoteCommands.map(defined),
    processPrograms: defined(f.processPrograms),
  };
  if (f.constantChangedCeid !== undefined) model.constantChangedCeid = f.constantChangedCeid;
  if (f.limits !== undefined) model.limits = f.limits;
  return model;
}

/** `o` without its undefined fields (the model's optional fields are absent, never undefined). */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
