// `bondline tool`: the simulated hybrid bonder. `bondline tool run ...` runs one lot offline
// (tool-run.ts); `bondline tool [options]` serves it as GEM equipment (tool-serve.ts).
import { runToolRun } from './tool-run.js';
import { runToolServe } from './tool-serve.js';

/** `bondline tool ...` */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'run') return runToolRun(rest);
  return runToolServe(argv);
}
