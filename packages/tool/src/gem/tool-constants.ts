// Equipment constants of the tool (docs/tool.md §7): the aligner's run-to-run offsets a host (the
// fab's R2R controller) sets with S2F15, and the E30 constants GEM acts on itself. EC 2000s.

import { R2R_OFFSET_LIMITS } from '../controller/r2r-limits.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import type { DocumentedConstant } from './documented.js';

/**
 * The R2R offsets the stage subtracts when it aligns a pair, with the controller's limits
 * (R2R_OFFSET_LIMITS: one source, so the host's S2F15 and the tool refuse the same values).
 */
export const R2R_CONSTANTS = [
  {
    id: 2001,
    name: 'R2R_TX_NM',
    type: 'F8',
    unit: 'nm',
    min: -R2R_OFFSET_LIMITS.Tx,
    max: R2R_OFFSET_LIMITS.Tx,
    default: 0,
    doc: 'R2R offset, translation x',
  },
  {
    id: 2002,
    name: 'R2R_TY_NM',
    type: 'F8',
    unit: 'nm',
    min: -R2R_OFFSET_LIMITS.Ty,
    max: R2R_OFFSET_LIMITS.Ty,
    default: 0,
    doc: 'R2R offset, translation y',
  },
  {
    id: 2003,
    name: 'R2R_ROT_URAD',
    type: 'F8',
    unit: 'urad',
    min: -R2R_OFFSET_LIMITS.Rot,
    max: R2R_OFFSET_LIMITS.Rot,
    default: 0,
    doc: 'R2R offset, rotation',
  },
  {
    id: 2004,
    name: 'R2R_MAG_PPM',
    type: 'F8',
    unit: 'ppm',
    min: -R2R_OFFSET_LIMITS.Mag,
    max: R2R_OFFSET_LIMITS.Mag,
    default: 0,
    doc: 'R2R offset, magnification',
  },
] as const satisfies readonly DocumentedConstant[];

export type R2rConstantName = (typeof R2R_CONSTANTS)[number]['name'];

/** Which overlay term each R2R constant sets. */
export const R2R_TERM: Readonly<Record<R2rConstantName, keyof OverlayTerms>> = {
  R2R_TX_NM: 'Tx',
  R2R_TY_NM: 'Ty',
  R2R_ROT_URAD: 'Rot',
  R2R_MAG_PPM: 'Mag',
};

const GEM_CONSTANTS: readonly DocumentedConstant[] = [
  {
    id: 2010,
    name: 'TimeFormat',
    type: 'U1',
    unit: '',
    min: 0,
    max: 2,
    default: 1,
    builtin: 'time-format',
    doc: 'E30 clock form: 0 YYMMDDhhmmss, 1 YYYYMMDDhhmmsscc, 2 ISO 8601',
  },
  {
    id: 2011,
    name: 'EstablishCommunicationsTimeout',
    type: 'U2',
    unit: 's',
    min: 1,
    max: 240,
    default: 10,
    builtin: 'establish-communications-timeout',
    doc: 'S1F13 retry delay (E30)',
  },
  {
    id: 2012,
    name: 'OverWriteSpool',
    type: 'BOOLEAN',
    unit: '',
    default: true,
    builtin: 'overwrite-spool',
    doc: 'a full spool overwrites its oldest messages (E30)',
  },
  {
    id: 2013,
    name: 'MaxSpoolTransmit',
    type: 'U4',
    unit: '',
    min: 0,
    default: 0,
    builtin: 'max-spool-transmit',
    doc: 'spooled messages per S6F23 transmit, 0 all (E30)',
  },
  {
    id: 2014,
    name: 'EnableSpooling',
    type: 'BOOLEAN',
    unit: '',
    default: true,
    builtin: 'enable-spooling',
    doc: 'spool while the link is down (E30)',
  },
];

/** Every equipment constant of the tool. */
export const TOOL_CONSTANTS: readonly DocumentedConstant[] = [...R2R_CONSTANTS, ...GEM_CONSTANTS];
