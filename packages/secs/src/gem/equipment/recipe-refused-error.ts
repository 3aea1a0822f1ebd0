// A process program the equipment will not store (its tool validated it and found it wrong) is a
// refusal, not a failure: the S7F3 handler answers the host with the ACKC7 the store chose and does
// not report a handler failure to the tool, which refused the program itself and knows why.

/** ACKC7 codes a store may refuse a program with (E5): 0 accepts, 4 and 6 do not fit a download. */
export type RecipeRefusalAck = 1 | 2 | 3 | 5;

/**
 * Thrown (rejected) by a RecipeStore's `write` that refuses the program: `ackc7` is what the host is
 * answered (default 1, permission not granted), the message says why (the tool's validation issues).
 */
export class RecipeRefusedError extends Error {
  readonly ackc7: RecipeRefusalAck;

  constructor(message: string, ackc7: RecipeRefusalAck = 1) {
    super(message);
    this.name = 'RecipeRefusedError';
    this.ackc7 = ackc7;
  }
}
