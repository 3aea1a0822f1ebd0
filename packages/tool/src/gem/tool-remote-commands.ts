// Remote commands of the tool (docs/tool.md §7): what a host may ask with S2F41/S2F49 in ONLINE
// REMOTE, each carried out by a ToolControl call (bind-commands.ts). secs answers first: HCACK 1 for an
// unknown command, 3 with CPACK 1/3 for an unknown or ill-typed parameter, 2 outside ONLINE REMOTE.

import type { DocumentedCommand } from './documented.js';

const REFUSED_NOW = '2 when the tool is busy or not in the state the command needs';

export const TOOL_REMOTE_COMMANDS = [
  {
    name: 'START',
    params: [
      { name: 'LOTID', type: 'A' },
      { name: 'PAIRS', type: 'U4' },
      { name: 'PPID', type: 'A', required: false },
      { name: 'TOPCARRIER', type: 'A', required: false },
      { name: 'BOTTOMCARRIER', type: 'A', required: false },
      { name: 'STACKCARRIER', type: 'A', required: false },
    ],
    doc: 'start a lot',
    paramDocs: {
      LOTID: 'lot id',
      PAIRS: 'pairs to bond',
      PPID: 'recipe (default: the selected one)',
      TOPCARRIER: 'carrier of the top wafers (default: named after the lot)',
      BOTTOMCARRIER: 'carrier of the bottom wafers',
      STACKCARRIER: 'carrier the stacks go to',
    },
    answers: `0 started; ${REFUSED_NOW}; 3 with CPACK 2 on PPID (unknown recipe) or on the lot parameter the tool refused`,
  },
  {
    name: 'STOP',
    params: [],
    doc: 'finish the pairs already started, start no new ones',
    paramDocs: {},
    answers: `4 stopping (ProcessStateChanged follows); ${REFUSED_NOW}`,
  },
  {
    name: 'PAUSE',
    params: [],
    doc: 'steps in progress finish, nothing new starts until RESUME',
    paramDocs: {},
    answers: `4 pausing; ${REFUSED_NOW}`,
  },
  {
    name: 'RESUME',
    params: [],
    doc: 'continue a paused lot',
    paramDocs: {},
    answers: `0 resumed; ${REFUSED_NOW}`,
  },
  {
    name: 'ABORT',
    params: [],
    doc: 'stop now; substrates stay where they are, tracked and held',
    paramDocs: {},
    answers: `4 aborting; ${REFUSED_NOW}`,
  },
  {
    name: 'PP-SELECT',
    params: [{ name: 'PPID', type: 'A' }],
    doc: 'select the recipe of the next lot',
    paramDocs: { PPID: 'recipe name' },
    answers: `0 selected (PPSelected follows); 3 with CPACK 2 on PPID for an unknown recipe; ${REFUSED_NOW}`,
  },
  {
    name: 'CLEAR-ALARM',
    params: [{ name: 'ALID', type: 'U4' }],
    doc: 'operator clear of an alarm; its module resumes',
    paramDocs: { ALID: 'the alarm' },
    answers: `0 cleared (AlarmCleared follows); 3 with CPACK 2 on ALID when it is not set; ${REFUSED_NOW}`,
  },
] as const satisfies readonly DocumentedCommand[];

export type ToolCommandName = (typeof TOOL_REMOTE_COMMANDS)[number]['name'];
