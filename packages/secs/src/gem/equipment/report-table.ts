// Dynamic event report configuration (E30 4.2 "event notification"): report definitions, event
// links and enables, with the all-or-nothing acknowledge rules of S2F33/S2F35/S2F37. A report or a set
// of linked reports whose S6F11 could not be sent within the session's message size is refused when
// it is defined (DRACK 1 / LRACK 1, "insufficient space"), sized with the values' current encodings.

import { DRACK, ERACK, LRACK } from '../messages/acks.js';
import type { EventLink, ReportDefinition } from '../messages/s2-reports.js';
import { eventBytes, reportBytes } from './report-size.js';

const isU4 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** What bounds the size of an event report (see report-size.ts); none: unbounded. */
export interface ReportLimits {
  /** Encoded size of the value of `vid` now, bytes. */
  valueBytes(vid: number): number;
  /** Largest body a message may have (the session's maxMessageBytes less the 10-byte header). */
  maxBodyBytes(): number;
}

/** The persisted form of the report configuration. */
export interface ReportConfig {
  reports: ReportDefinition[];
  links: EventLink[];
  enabled: number[];
}

export class ReportTable {
  private readonly reports = new Map<number, number[]>();
  private readonly links = new Map<number, number[]>();
  private readonly enabled = new Set<number>();

  constructor(
    private readonly isVid: (vid: number) => boolean,
    private readonly isCeid: (ceid: number) => boolean,
    allCeids: readonly number[],
    private readonly limits?: ReportLimits,
  ) {
    // E30 leaves the initial enable state to the equipment; Bondline starts with every event enabled.
    for (const c of allCeids) this.enabled.add(c);
    this.allCeids = allCeids;
  }
  private readonly allCeids: readonly number[];

  /** S2F33. An empty list deletes every report (and their links); an empty VID list deletes one report. */
  define(defs: readonly ReportDefinition[]): number {
    if (defs.length === 0) {
      this.reports.clear();
      this.links.clear();
      return DRACK.ok;
    }
    const seen = new Set<number>();
    for (const d of defs) {
      // An RPTID that is not a U4 value (text, negative: see WireId) cannot be defined here.
      if (seen.has(d.rptid) || (d.vids.length > 0 && !isU4(d.rptid))) return DRACK.invalidFormat;
      seen.add(d.rptid);
      if (d.vids.length > 0 && this.reports.has(d.rptid)) return DRACK.rptidExists;
      if (d.vids.some((v) => !this.isVid(v))) return DRACK.unknownVid;
    }
    for (const d of defs) if (d.vids.length > 0 && !this.fits([d.vids])) return DRACK.outOfSpace;
    // Deleted reports leave every link in one pass (a pass per deletion is quadratic in the counts).
    const deleted = new Set<number>();
    for (const d of defs) {
      if (d.vids.length === 0) {
        if (this.reports.delete(d.rptid)) deleted.add(d.rptid);
      } else this.reports.set(d.rptid, d.vids.slice());
    }
    if (deleted.size > 0) {
      for (const [ceid, r] of this.links) {
        const rest = r.filter((x) => !deleted.has(x));
        if (rest.length === 0) this.links.delete(ceid);
        else if (rest.length < r.length) this.links.set(ceid, rest);
      }
    }
    return DRACK.ok;
  }

  /** S2F35. An empty RPTID list unlinks an event; linking an already linked event is refused. */
  link(links: readonly EventLink[]): number {
    const seen = new Set<number>();
    for (const k of links) {
      if (seen.has(k.ceid)) return LRACK.invalidFormat;
      seen.add(k.ceid);
      if (!this.isCeid(k.ceid)) return LRACK.unknownCeid;
      if (k.rptids.some((r) => !this.reports.has(r))) return LRACK.unknownRptid;
      if (k.rptids.length > 0 && this.links.has(k.ceid)) return LRACK.ceidLinked;
    }
    for (const k of links) {
      if (!this.fits(k.rptids.map((r) => this.reports.get(r) ?? []))) return LRACK.outOfSpace;
    }
    for (const k of links) {
      if (k.rptids.length === 0) this.links.delete(k.ceid);
      else this.links.set(k.ceid, k.rptids.slice());
    }
    return LRACK.ok;
  }

  /** S2F37. An empty CEID list means every event. */
  enable(on: boolean, ceids: readonly number[]): number {
    if (ceids.some((c) => !this.isCeid(c))) return ERACK.unknownCeid;
    for (const c of ceids.length === 0 ? this.allCeids : ceids) {
      if (on) this.enabled.add(c);
      else this.enabled.delete(c);
    }
    return ERACK.ok;
  }

  // Whether an S6F11 carrying reports of these VIDs fits in one message.
  private fits(reports: readonly (readonly number[])[]): boolean {
    const l = this.limits;
    if (l === undefined) return true;
    const sizes = reports.map((vids) => reportBytes(vids.map((v) => l.valueBytes(v))));
    return eventBytes(sizes) <= l.maxBodyBytes();
  }

  isEnabled(ceid: number): boolean {
    return this.enabled.has(ceid);
  }

  /** The reports linked to an event, each with its VIDs, in link order. */
  reportsFor(ceid: number): { rptid: number; vids: number[] }[] {
    return (this.links.get(ceid) ?? []).map((rptid) => ({ rptid, vids: this.reports.get(rptid) ?? [] }));
  }

  /** The VIDs of a report, undefined when not defined. */
  report(rptid: number): number[] | undefined {
    return this.reports.get(rptid);
  }

  snapshot(): ReportConfig {
    return {
      reports: Array.from(this.reports, ([rptid, vids]) => ({ rptid, vids })),
      links: Array.from(this.links, ([ceid, rptids]) => ({ ceid, rptids })),
      enabled: Array.from(this.enabled),
    };
  }

  /** Restore a persisted configuration, dropping anything the current model no longer declares. */
  restore(c: ReportConfig): void {
    this.reports.clear();
    this.links.clear();
    this.enabled.clear();
    for (const r of c.reports) if (r.vids.every(this.isVid)) this.reports.set(r.rptid, r.vids);
    for (const k of c.links)
      if (this.isCeid(k.ceid) && k.rptids.every((r) => this.reports.has(r))) this.links.set(k.ceid, k.rptids);
    for (const e of c.enabled) if (this.isCeid(e)) this.enabled.add(e);
  }
}
