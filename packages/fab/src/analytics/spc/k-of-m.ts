// The k-of-m rules (WE 2 and 3, Nelson 5 and 6): k of the last m points beyond a zone on one
// side. evaluateRules runs the first detector of each zone inline on local integers; this class
// serves a Nelson 5/6 whose counts differ from WE 2/3's.

/**
 * k of the last m points beyond a zone on one side: per side, the last m points' 0/1 flags as the
 * bits of an integer (m ≤ 30) and their count, shifted along without branches. When a violation is
 * reported the side's bits are cleared, so its points do not count again.
 */
export class KOfM {
  private bitsUp = 0;
  private bitsDown = 0;
  private countUp = 0;
  private countDown = 0;
  private readonly mask: number;
  private readonly top: number;
  /** Side of the last violation returned: 1 above, 2 below. */
  lastSide = 0;

  constructor(
    private readonly k: number,
    m: number,
  ) {
    this.mask = 2 ** m - 1;
    this.top = m - 1;
  }

  /**
   * Point i with flags up (beyond the zone above, 0/1) and down; the first index of the window when
   * it completes k of m on a side, else −1.
   */
  step(i: number, up: number, down: number): number {
    const top = this.top;
    // The flag m points back leaves the window as the new one enters.
    this.countUp += up - ((this.bitsUp >>> top) & 1);
    this.countDown += down - ((this.bitsDown >>> top) & 1);
    this.bitsUp = ((this.bitsUp << 1) | up) & this.mask;
    this.bitsDown = ((this.bitsDown << 1) | down) & this.mask;
    const fire = (up & +(this.countUp >= this.k)) | (down & +(this.countDown >= this.k));
    if (fire === 0) return -1;
    // Bit j is the point i − j; the highest set bit is the first point of the window.
    const bits = up === 1 ? this.bitsUp : this.bitsDown;
    const first = i - (31 - Math.clz32(bits));
    if (up === 1) {
      this.bitsUp = 0;
      this.countUp = 0;
      this.lastSide = 1;
    } else {
      this.bitsDown = 0;
      this.countDown = 0;
      this.lastSide = 2;
    }
    return first;
  }
}

interface KOfMSettings {
  readonly enabled: boolean;
  readonly count: number;
  readonly of: number;
}

/**
 * The inline detector of a zone: the WE rule's counts when it is on (code `we`, and `nelson` as
 * well when the Nelson rule is on with the same counts), else the Nelson rule's; k = 0 when neither.
 */
export function primary(
  we: KOfMSettings,
  nelson: KOfMSettings,
  weCode: number,
  nelsonCode: number,
): { k: number; m: number; code: number; also: number } {
  if (we.enabled) {
    return {
      k: we.count,
      m: we.of,
      code: weCode,
      also: nelson.enabled && sameKOfM(we, nelson) ? nelsonCode : -1,
    };
  }
  if (nelson.enabled) return { k: nelson.count, m: nelson.of, code: nelsonCode, also: -1 };
  return { k: 0, m: 2, code: -1, also: -1 };
}

export function sameKOfM(a: { count: number; of: number }, b: { count: number; of: number }): boolean {
  return a.count === b.count && a.of === b.of;
}
