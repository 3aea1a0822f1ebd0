import { BLACK, Canvas, type Rgba } from './canvas.js';
import { yieldColour } from './colormap.js';
import { drawWaferFrame, fillDie, legendSwatch, type WaferGeometry } from './wafer-frame.js';

/** A die position on the wafer (µm, die centre). */
export interface MapDie {
  cx: number;
  cy: number;
}

const MAP = 600;
const PAD = 20;
const TITLE_H = 40;
const LEGEND_H = 70;
const GREEN: Rgba = [26, 152, 80, 255];

/** Colours of the loss causes in cause maps. */
export const causeColours: Record<'overlay' | 'void' | 'cu', Rgba> = {
  overlay: [33, 102, 172, 255],
  void: [178, 24, 43, 255],
  cu: [230, 145, 20, 255],
};

function frameCanvas(title: string, subtitle: string): Canvas {
  const c = new Canvas(MAP + 2 * PAD, TITLE_H + MAP + LEGEND_H);
  c.text(PAD, 8, title, BLACK, { scale: 2 });
  c.text(PAD, 26, subtitle, [80, 80, 80, 255]);
  return c;
}

/**
 * Analytic wafer map: each die filled by its predicted yield (0..1) on a
 * red-amber-green scale, with a colour-bar legend. `yields` is indexed like `dies`.
 */
export function drawYieldMap(
  geom: WaferGeometry,
  dies: readonly MapDie[],
  yields: ArrayLike<number>,
  title: string,
  subtitle: string,
): Canvas {
  if (yields.length !== dies.length) throw new RangeError(`${yields.length} yields for ${dies.length} dies`);
  const c = frameCanvas(title, subtitle);
  const frame = drawWaferFrame(c, geom, PAD, TITLE_H, MAP);
  dies.forEach((d, i) => {
    fillDie(c, frame, geom, d.cx, d.cy, yieldColour(yields[i]!));
  });
  // Colour bar 0 .. 1 with ticks.
  const top = TITLE_H + MAP + 14;
  const left = PAD + 60;
  const width = MAP - 120;
  c.text(PAD, top + 3, 'die yield', BLACK);
  for (let k = 0; k < width; k++) c.fillRect(left + k, top, 1, 14, yieldColour(k / (width - 1)));
  c.strokeRect(left - 1, top - 1, width + 2, 16, BLACK);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + v * (width - 1);
    c.line(x, top + 15, x, top + 19, BLACK);
    c.text(x, top + 22, v.toFixed(2), BLACK, { align: 'center' });
  }
  return c;
}

/** Per-die loss counts over a Monte Carlo lot, indexed like the dies. */
export interface LotLosses {
  wafers: number;
  overlay: ArrayLike<number>;
  void: ArrayLike<number>;
  cu: ArrayLike<number>;
}

/**
 * Monte Carlo wafer map of a lot: a die never lost is green; otherwise it
 * takes the colour of its most frequent loss cause over the lot, from pale
 * (lost on few wafers) to full colour (lost on every wafer).
 */
export function drawCauseMap(
  geom: WaferGeometry,
  dies: readonly MapDie[],
  losses: LotLosses,
  title: string,
  subtitle: string,
): Canvas {
  const c = frameCanvas(title, subtitle);
  const frame = drawWaferFrame(c, geom, PAD, TITLE_H, MAP);
  const n = Math.max(1, losses.wafers);
  dies.forEach((d, i) => {
    const o = losses.overlay[i] ?? 0;
    const v = losses.void[i] ?? 0;
    const u = losses.cu[i] ?? 0;
    const lost = o + v + u;
    if (lost === 0) {
      fillDie(c, frame, geom, d.cx, d.cy, GREEN);
      return;
    }
    const cause = v >= o && v >= u ? 'void' : o >= u ? 'overlay' : 'cu';
    fillDie(c, frame, geom, d.cx, d.cy, shade(causeColours[cause], Math.min(1, lost / n)));
  });
  const top = TITLE_H + MAP + 12;
  let x = PAD;
  x = legendSwatch(c, x, top, GREEN, 'never lost');
  x = legendSwatch(c, x, top, causeColours.overlay, 'overlay');
  x = legendSwatch(c, x, top, causeColours.void, 'void');
  x = legendSwatch(c, x, top, causeColours.cu, 'Cu recess');
  c.text(
    PAD,
    top + 26,
    `dominant cause; paler = lost on fewer of the ${losses.wafers} wafers`,
    [80, 80, 80, 255],
  );
  const ramp = PAD;
  for (let k = 0; k < 100; k++)
    c.fillRect(ramp + k * 2, top + 40, 2, 10, shade(causeColours.void, (k + 1) / 100));
  c.text(ramp + 206, top + 42, 'lost fraction 0 .. 1 (void shown)', BLACK);
  return c;
}

/** Blend white towards `col` by f in (0, 1]; a floor keeps rare losses visible. */
function shade(col: Rgba, f: number): Rgba {
  const a = 0.25 + 0.75 * f;
  return [
    Math.round(255 + (col[0] - 255) * a),
    Math.round(255 + (col[1] - 255) * a),
    Math.round(255 + (col[2] - 255) * a),
    255,
  ];
}
