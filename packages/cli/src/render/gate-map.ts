import { BLACK, Canvas, type Rgba } from './canvas.js';
import { drawWaferFrame, fillDie, legendSwatch, type WaferGeometry } from './wafer-frame.js';

/** What the gate map needs of a gate prediction (bonded µm). */
export interface GateMapInput {
  dies: readonly { cx: number; cy: number }[];
  killed: ReadonlySet<number>;
  particles: readonly {
    wafer: 'top' | 'bottom';
    x: number;
    y: number;
    discs: readonly { x: number; y: number; r: number }[];
  }[];
}

const MAP = 600;
const PAD = 20;
const TITLE_H = 40;
const LEGEND_H = 50;
const GOOD: Rgba = [199, 233, 192, 255];
const KILLED: Rgba = [239, 138, 98, 255];
const VOID: Rgba = [120, 20, 20, 150];
const TOP: Rgba = [33, 102, 172, 255];
const BOTTOM: Rgba = [90, 90, 90, 255];

/**
 * Pre-bond gate map in bonded coordinates (notch down): dies green or, when a
 * predicted void kills them, orange; voids as dark translucent discs (drawn at
 * least 2 px so small voids stay visible); particle positions marked by wafer.
 */
export function drawGateMap(
  geom: WaferGeometry,
  input: GateMapInput,
  title: string,
  subtitle: string,
): Canvas {
  const c = new Canvas(MAP + 2 * PAD, TITLE_H + MAP + LEGEND_H);
  c.text(PAD, 8, title, BLACK, { scale: 2 });
  c.text(PAD, 26, subtitle, [80, 80, 80, 255]);
  const f = drawWaferFrame(c, geom, PAD, TITLE_H, MAP);
  input.dies.forEach((d, i) => {
    fillDie(c, f, geom, d.cx, d.cy, input.killed.has(i) ? KILLED : GOOD);
  });
  for (const p of input.particles) {
    for (const d of p.discs) c.fillCircle(f.x(d.x), f.y(d.y), Math.max(2, d.r * f.scale), VOID);
  }
  for (const p of input.particles) {
    const x = f.x(p.x);
    const y = f.y(p.y);
    const col = p.wafer === 'top' ? TOP : BOTTOM;
    c.line(x - 4, y, x + 4, y, col);
    c.line(x, y - 4, x, y + 4, col);
  }
  const top = TITLE_H + MAP + 14;
  let x = PAD;
  x = legendSwatch(c, x, top, GOOD, 'good die');
  x = legendSwatch(c, x, top, KILLED, 'killed die');
  x = legendSwatch(c, x, top, VOID, 'predicted void');
  const mark = (col: Rgba, label: string) => {
    c.line(x + 3, top + 7, x + 11, top + 7, col);
    c.line(x + 7, top + 3, x + 7, top + 11, col);
    x += 20 + c.text(x + 20, top + 4, label, BLACK) + 18;
  };
  mark(TOP, 'top particle (mirrored)');
  mark(BOTTOM, 'bottom particle');
  return c;
}
