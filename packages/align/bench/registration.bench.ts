// Alignment-mark registration speed, per method and image size, on one core
// (Node is single-threaded here). One matcher per template is built once and
// reused across images, as the aligner does; the images are pre-rendered
// synthetic cross marks with 5 % noise at random sub-pixel shifts. The
// figures quoted in README.md come from this file.

import type { GreyImage, MarkImageOptions } from '../src/index.js';
import { NccMatcher, PhaseMatcher, renderMarkImage, renderMarkTemplate } from '../src/index.js';
import { SeededRandom } from '../src/random/seeded-random.js';

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
      if (!r.ok) throw new Error(`bench image refused: ${r.issues[0]?.message}`);
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

// Accuracy on the same kinds of images (the figures in the README's accuracy
// table): radial RMS error sqrt(mean(ex^2 + ey^2)) over random shifts, no noise
// and 5 % noise, against the central template of the unshifted mark.
function accuracy(
  label: string,
  base: MarkImageOptions,
  templateSize: number,
  rangePx: number,
  count: number,
  seed: number,
) {
  const template = renderMarkTemplate(base, templateSize, templateSize);
  const matchers = [
    ['ncc', new NccMatcher(template, base.width, base.height)],
    ['phase', new PhaseMatcher(template, base.width, base.height)],
  ] as const;
  for (const [name, m] of matchers) {
    const rms = [0, 0.05].map((noise) => {
      const rng = new SeededRandom(seed);
      let se = 0;
      for (let k = 0; k < count; k++) {
        const shiftX = (rng.nextUniform() * 2 - 1) * rangePx;
        const shiftY = (rng.nextUniform() * 2 - 1) * rangePx;
        const r = m.register(renderMarkImage({ ...base, shiftX, shiftY, noise, seed: 500 + k }));
        if (!r.ok) throw new Error(`accuracy image refused: ${r.issues[0]?.message}`);
        se += (r.value.dx - shiftX) ** 2 + (r.value.dy - shiftY) ** 2;
      }
      return Math.sqrt(se / count);
    });
    console.log(
      `accuracy ${label.padEnd(30)} ${name.padEnd(6)} RMS ${rms[0]!.toPrecision(2)} px (no noise), ` +
        `${rms[1]!.toPrecision(2)} px (5 % noise), ${count} shifts within +-${rangePx} px`,
    );
  }
}

const blur = 1.5;
accuracy(
  'cross 128x128 vs 64x64',
  { width: 128, height: 128, kind: 'cross', sizePx: 40, linePx: 6, blurPx: blur },
  64,
  20,
  200,
  2024,
);
accuracy(
  'box-in-box 128x128 vs 64x64',
  { width: 128, height: 128, kind: 'box-in-box', sizePx: 44, linePx: 5, blurPx: blur },
  64,
  20,
  200,
  77,
);
accuracy(
  'cross 512x512 vs 128x128',
  { width: 512, height: 512, kind: 'cross', sizePx: 90, linePx: 12, blurPx: blur },
  128,
  100,
  50,
  77,
);
