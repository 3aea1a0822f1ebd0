// Alignment-mark registration speed, per method and image size, on one core
// (Node is single-threaded here). One matcher per template is built once and
// reused across images, as the aligner does; the images are pre-rendered
// synthetic cross marks with 5 % noise at random sub-pixel shifts. The
// figures quoted in README.md come from this file.

import type { GreyImage } from '../src/index.js';
import { NccMatcher, PhaseMatcher, renderMarkImage, renderMarkTemplate } from '../src/index.js';

interface Case {
  image: number;
  template: number;
  sizePx: number;
  linePx: number;
}

const cases: Case[] = [
  { image: 128, template: 64, sizePx: 40, linePx: 6 },
  { image: 512, template: 128, sizePx: 90, linePx: 12 },
];

// Both wall-clock and CPU time are reported: the machine is shared, and CPU
// time (user + system of this process, which runs on one thread) is the
// better estimate of what one dedicated core does when other jobs compete.
function measure(label: string, register: (img: GreyImage) => unknown, images: GreyImage[], seconds: number) {
  for (let i = 0; i < 20; i++) register(images[i % images.length]!); // warm-up (JIT)
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    register(images[n % images.length]!);
    n++;
    t = performance.now();
  }
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallPerS = (n * 1000) / (t - t0);
  const cpuPerS = (n * 1000) / cpuMs;
  console.log(
    `${label.padEnd(36)} ${cpuPerS.toFixed(0).padStart(6)} /s per CPU-second (${(cpuMs / n).toFixed(3)} ms CPU each)` +
      `  ${wallPerS.toFixed(0).padStart(6)} /s wall  n=${n}`,
  );
}

for (const c of cases) {
  const base = {
    width: c.image,
    height: c.image,
    kind: 'cross' as const,
    sizePx: c.sizePx,
    linePx: c.linePx,
    blurPx: 1.5,
  };
  const template = renderMarkTemplate(base, c.template, c.template);
  const images: GreyImage[] = [];
  for (let k = 0; k < 8; k++) {
    const shiftX = ((k * 7919) % 400) / 10 - 20 + 0.37;
    const shiftY = ((k * 104729) % 400) / 10 - 20 - 0.21;
    images.push(renderMarkImage({ ...base, shiftX, shiftY, noise: 0.05, seed: k + 1 }));
  }
  const ncc = new NccMatcher(template, c.image, c.image);
  const phase = new PhaseMatcher(template, c.image, c.image);
  for (const img of images) {
    for (const r of [ncc.register(img), phase.register(img)]) {
      if (!r.ok) throw new Error(`bench image refused: ${r.reason}`);
    }
  }
  measure(
    `ncc   ${c.image}x${c.image} vs ${c.template}x${c.template}`,
    (img) => ncc.register(img),
    images,
    2,
  );
  measure(
    `phase ${c.image}x${c.image} vs ${c.template}x${c.template}`,
    (img) => phase.register(img),
    images,
    2,
  );
  const nccGradient = new NccMatcher(template, c.image, c.image, {}, { illuminationGradient: true });
  measure(
    `ncc+gradient ${c.image}x${c.image} vs ${c.template}x${c.template}`,
    (img) => nccGradient.register(img),
    images,
    2,
  );
}
