// The align readers, and what is done with what they read, that the property tests run in core's
// reader harness (a worker thread with a heap limit and a deadline per call): overlay sites and their
// fit, greyscale PNG, mark registration, run-to-run configurations and their simulation.
import { decodeText } from '@bondline/core';
import { serveReaders } from '@bondline/core/testing';
import type { GreyImage } from './image/grey-image.js';
import { readGreyPng } from './image/png-grey.js';
import { fitLot } from './overlay/fit-lot.js';
import { readSites } from './overlay/read-sites.js';
import type { OverlaySite, ReadSitesOptions } from './overlay/site.js';
import { parseSimConfig, readSimConfig } from './r2r/parse-sim-config.js';
import { type SimConfig, simulateR2r } from './r2r/simulate.js';
import { registerMark } from './registration/register-mark.js';

const readers = {
  text: (c: { bytes: Uint8Array; source: string }) => decodeText(c.bytes, c.source),
  sites: (c: { text: string; options: ReadSitesOptions }) => readSites(c.text, c.options),
  'fit-lot': (c: { sites: readonly OverlaySite[]; options: Parameters<typeof fitLot>[1] }) =>
    fitLot(c.sites, c.options),
  png: (c: { bytes: Uint8Array; options?: Parameters<typeof readGreyPng>[1] }) =>
    readGreyPng(c.bytes, c.options),
  register: (c: { image: GreyImage; template: GreyImage; options?: Parameters<typeof registerMark>[2] }) =>
    registerMark(c.image, c.template, c.options),
  'sim-config-text': (c: { text: string; options: Parameters<typeof readSimConfig>[1] }) =>
    readSimConfig(c.text, c.options),
  'sim-config': (data: unknown) => parseSimConfig(data),
  simulate: (config: SimConfig) => simulateR2r(config),
};

export type AlignReaders = typeof readers;

serveReaders(readers);
