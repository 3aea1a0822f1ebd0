// The digital twin's own parameters (the `twin:` section of the tool configuration): how noisy and
// how dirty the simulated tool is before any fault point acts. Defaults describe a healthy tool.
import { z } from 'zod';

export const twinParamsSchema = z
  .object({
    /** Relative 1-sigma variation of every module step time (0.02 = 2%). */
    timeJitter: z.number().min(0).max(0.2).default(0.02),
    /** Stage placement noise per axis, 1 sigma, nm. */
    stageNoiseNm: z.number().min(0).max(1000).default(15),
    /** Microscope pixel size at the wafer, nm (registration residual scales with it). */
    pixelNm: z.number().min(10).max(2000).default(200),
    /** Grey-level noise of the rendered mark images, 1 sigma, as a fraction of the mark contrast. */
    markNoise: z.number().min(0).max(1).default(0.05),
    /** Thermal and chuck magnification, 1 sigma, ppm. */
    thermalMagPpm: z.number().min(0).max(10).default(0.02),
    /** Bow of the bottom chuck's profile, µm: the top wafer bowed as much bonds without run-out. */
    bottomChuckBowUm: z.number().min(0).max(200).default(30),
    /** Rotation placement noise, 1 sigma, µrad. */
    rotationNoiseUrad: z.number().min(0).max(100).default(0.05),
    /** Mean particles an incoming wafer brings (Poisson), per wafer. */
    incomingParticles: z.number().min(0).max(1000).default(0.05),
    /** Mean particles the plasma module adds per wafer right after maintenance. */
    plasmaParticles: z.number().min(0).max(1000).default(0.01),
    /** Mean particles the clean module leaves per wafer right after maintenance. */
    cleanParticles: z.number().min(0).max(1000).default(0.01),
    /** Fraction the plasma and clean particle rates grow per wafer since their last maintenance. */
    particleGrowthPerWafer: z.number().min(0).max(1).default(0.001),
    /** Fraction of incoming particles the clean module removes. */
    cleanRemoval: z.number().min(0).max(1).default(0.9),
    /** Overlay metrology noise per axis, 1 sigma, nm. */
    metrologyNoiseNm: z.number().min(0).max(1000).default(3),
    /** Probability of edge voids on a pair with nominal bond-wave parameters. */
    edgeVoidProbability: z.number().min(0).max(1).default(0.002),
    /**
     * Seconds (tool time) between the sensor readings a plasma or clean module reports while its step
     * runs (docs/tool.md §7.8); 0: none, the trace values change only when a step ends.
     */
    sensorPeriodS: z.number().min(0).max(3600).default(1),
  })
  .strict();

/** Validated twin parameters (defaults filled in). */
export type TwinParams = z.infer<typeof twinParamsSchema>;
