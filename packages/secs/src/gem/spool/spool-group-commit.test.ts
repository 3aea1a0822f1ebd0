import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { GroupCommit } from './spool-group-commit.js';

describe('GroupCommit', () => {
  it('syncs once per window, delayMs after the first unsynced append', () => {
    const clock = new FakeClock();
    let syncs = 0;
    const g = new GroupCommit(clock, 50, () => syncs++);
    g.appended();
    clock.advance(30);
    g.appended();
    expect(g.pending).toBe(2);
    clock.advance(19);
    expect(syncs).toBe(0);
    clock.advance(1);
    expect([syncs, g.pending, clock.pending]).toEqual([1, 0, 0]);
  });

  it('flush syncs at once and cancels the timer; with nothing pending it does not sync', () => {
    const clock = new FakeClock();
    let syncs = 0;
    const g = new GroupCommit(clock, 50, () => syncs++);
    g.flush();
    expect(syncs).toBe(0);
    g.appended();
    g.flush();
    expect([syncs, g.pending, clock.pending]).toEqual([1, 0, 0]);
  });

  it('synced forgets the pending appends without a sync of its own', () => {
    const clock = new FakeClock();
    let syncs = 0;
    const g = new GroupCommit(clock, 50, () => syncs++);
    g.appended();
    g.synced();
    clock.advance(50);
    expect([syncs, g.pending]).toEqual([0, 0]);
  });
});
