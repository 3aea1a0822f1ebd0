// Entries of the tool's equipment model with what each means: the model takes the entry without its
// `doc`, the reference tables of docs/tool.md §7 take the `doc` (gem-reference.ts), so one table says
// both what the host gets and what it means.

import type { ConstantDef, RemoteCommandDef, VariableDef } from '@bondline/secs';

export type DocumentedVariable = VariableDef & { readonly doc: string };
export type DocumentedConstant = ConstantDef & { readonly doc: string };

/** A remote command with what it asks of the tool and the HCACK it answers with. */
export type DocumentedCommand = RemoteCommandDef & {
  readonly doc: string;
  /** Parameter meanings by name. */
  readonly paramDocs: Readonly<Record<string, string>>;
  /** HCACK codes the binding answers with and when (secs adds 1, 2 outside ONLINE REMOTE, and 3 for format). */
  readonly answers: string;
};

/**
 * The name of a variable made from a module id or a trace variable (PL1State, StepBondForce): the
 * binding sets these and the fixed names of the tables, and a plain string is neither.
 */
export type GeneratedName = string & { readonly generatedName: true };

export const generatedName = (name: string): GeneratedName => name as GeneratedName;

/** The model's entry: the same object without `doc` (the model loader knows no such key). */
export function withoutDoc<T extends { doc: string }>(entry: T): Omit<T, 'doc'> {
  const { doc: _doc, ...rest } = entry;
  return rest;
}
