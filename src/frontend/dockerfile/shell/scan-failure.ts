/** End of input, as text/scanner's EOF. */
export const EOF = '';

/** A failure inside the scan; the lexer wraps it into a BuildError naming the whole word. */
export class ExpandFailure extends Error {}
