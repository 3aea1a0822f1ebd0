import { runIngest } from './collector-bench-rig.js';
const w = Number(process.argv[2] ?? 500);
const tools = Number(process.argv[3] ?? 1);
const r = await runIngest(tools, 60000 / tools, w, 'wire');
console.log(w, tools, Math.round(r.eventsPerS), r.commits, r.latencyP50Ms.toFixed(1), r.cpuCores.toFixed(2), ((r.cpuCores * r.seconds) / r.events * 1e6).toFixed(1), 'us/event');
