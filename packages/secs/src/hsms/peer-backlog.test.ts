// What a peer that does not answer, or floods us with primaries our handler is slow to finish, may
// cost: at most maxOpenTransactions of our primaries wait for replies (one more closes the
// connection), and above maxPrimariesInProgress of its primaries being handled we stop reading it.
import { describe, expect, it } from 'vitest';
import { frameHex, selected } from './test-peer.test-util.js';

describe('maxOpenTransactions', () => {
  it('a W primary beyond the bound closes the connection (transaction-overflow); all open ones fail', async () => {
    const { session, wire } = selected({ maxOpenTransactions: 3 });
    const errors: string[] = [];
    session.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
    const open = [1, 2, 3].map(() => session.send({ stream: 6, function: 11, wBit: true }));
    expect(session.state).toBe('selected');
    // Sends without W open no transaction and do not count.
    await expect(session.send({ stream: 6, function: 11 })).resolves.toBeUndefined();
    const fourth = session.send({ stream: 6, function: 11, wBit: true });
    expect(errors).toEqual([
      'transaction-overflow: the peer is not answering: 3 primaries wait for a reply (maxOpenTransactions) and S6F11 would be one more',
    ]);
    expect(session.state).toBe('not-connected');
    expect(wire.destroyed).toBe(true);
    expect(wire.written.length).toBe(4); // the fourth W primary was never written
    for (const p of [...open, fourth]) await expect(p).rejects.toMatchObject({ code: 'connection-closed' });
  });
});

describe('maxPrimariesInProgress', () => {
  it('stops reading the peer while more of its primaries than the bound are being handled', async () => {
    const { session, wire } = selected({ maxPrimariesInProgress: 2 });
    const finish: Array<() => void> = [];
    session.onMessage(
      () =>
        new Promise<undefined>((res) => {
          finish.push(() => res(undefined));
        }),
    );
    wire.feed(frameHex('0064 87 05 00 00 00000001') + frameHex('0064 87 05 00 00 00000002'));
    expect(wire.readingPaused).toBe(false);
    wire.feed(frameHex('0064 87 05 00 00 00000003'));
    expect(wire.readingPaused).toBe(true);
    expect(session.readingPaused).toBe(true);
    finish[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(wire.readingPaused).toBe(false);
    finish[1]!();
    finish[2]!();
  });

  it('synchronous handlers are never in progress', () => {
    const { session, wire } = selected({ maxPrimariesInProgress: 1 });
    session.onMessage(() => undefined);
    for (let i = 1; i <= 5; i++) wire.feed(frameHex(`0064 01 01 00 00 0000000${i}`));
    expect(wire.readingPaused).toBe(false);
  });
});
