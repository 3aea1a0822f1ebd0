// Which thrown values are bugs rather than expected failures. Expected failures in this package are
// values or typed errors (HsmsError, SecsEncodeError, ItemShapeError, StoreError, errors of the file
// system with a `code`); the built-in error classes below are what a bug throws (a call on undefined,
// a value out of a typed array's range, a stack overflow). A catch that answers the wire must let
// these through: turned into SxF0 or an acknowledge code they would hide the bug from everyone.

/** True for TypeError, RangeError, ReferenceError, SyntaxError and EvalError. */
export function isProgrammerError(err: unknown): err is Error {
  return (
    err instanceof TypeError ||
    err instanceof RangeError ||
    err instanceof ReferenceError ||
    err instanceof SyntaxError ||
    err instanceof EvalError
  );
}
