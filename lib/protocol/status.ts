/** Status codes used in replies. Success is 200; anything else is an error. */
export const Status = {
  OK: 200,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

/** The error texts the server uses, verbatim, so clients and tests can rely on them. */
export const ErrorText = {
  ACCESS_DENIED: 'Access denied: Key does not match allowed pattern',
  NOT_FOUND: 'Record not found',
  RATE_LIMITED: 'Rate limit exceeded',
  INTERNAL: 'Internal server error',
} as const;
