/**
 * Typed errors for bad input and refused actions. Each carries a `kind`; the server's edge
 * (server/error-mapping.ts) turns kinds into HTTP statuses and websocket close codes in one place.
 */

/** The kinds of failure a person or a client can act on. */
export const ErrorKind = {
  invalidInput: 'invalid-input',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  outdated: 'outdated',
  tooLarge: 'too-large',
  rateLimited: 'rate-limited',
  unavailable: 'unavailable',
} as const;

/** One of the values of ErrorKind. */
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** Base class: a failure with a message a person can act on and a kind the edge maps to a status. */
export class DraftroomError extends Error {
  /** Builds an error of the given kind; `message` is shown to the person as it is. */
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DraftroomError';
  }
}

/** Input that cannot be used as it is (an empty or binary import, a malformed message). */
export class InvalidInputError extends DraftroomError {
  /** `message` says what is wrong with the input and, where it can, how to fix it. */
  constructor(message: string) {
    super(ErrorKind.invalidInput, message);
    this.name = 'InvalidInputError';
  }
}

/** A missing, expired, forged or revoked credential. */
export class UnauthorizedError extends DraftroomError {
  /** `message` says which credential was wrong. */
  constructor(message: string) {
    super(ErrorKind.unauthorized, message);
    this.name = 'UnauthorizedError';
  }
}

/** An authenticated sender asking for something its role does not allow. */
export class ForbiddenError extends DraftroomError {
  /** `message` names the action and the role that may not do it. */
  constructor(message: string) {
    super(ErrorKind.forbidden, message);
    this.name = 'ForbiddenError';
  }
}

/** A negotiation, invitation or other object that does not exist. */
export class NotFoundError extends DraftroomError {
  /** `message` names what was looked for. */
  constructor(message: string) {
    super(ErrorKind.notFound, message);
    this.name = 'NotFoundError';
  }
}

/** A decision the text no longer allows: someone changed it meanwhile (the paragraph was agreed, the bracket lifted). */
export class ConflictError extends DraftroomError {
  /** `message` says what changed and what to do. */
  constructor(message: string) {
    super(ErrorKind.conflict, message);
    this.name = 'ConflictError';
  }
}

/** A page built for another protocol or schema version: it must reload before it may take part. */
export class OutdatedError extends DraftroomError {
  /** `message` tells the person to reload. */
  constructor(message: string) {
    super(ErrorKind.outdated, message);
    this.name = 'OutdatedError';
  }
}

/** Input over a size limit. */
export class TooLargeError extends DraftroomError {
  /** `message` gives the limit. */
  constructor(message: string) {
    super(ErrorKind.tooLarge, message);
    this.name = 'TooLargeError';
  }
}

/** A sender going faster than a limit allows. */
export class RateLimitedError extends DraftroomError {
  /** `message` gives the limit. */
  constructor(message: string) {
    super(ErrorKind.rateLimited, message);
    this.name = 'RateLimitedError';
  }
}

/** The server (or one invitation link) is at a capacity limit: connections or memory; retrying later may work. */
export class UnavailableError extends DraftroomError {
  /** `message` says which limit was reached. */
  constructor(message: string) {
    super(ErrorKind.unavailable, message);
    this.name = 'UnavailableError';
  }
}
