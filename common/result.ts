/** Every operation across the bridge resolves to one of these; nothing is thrown across it. */
export const ERROR_CODES = [
  'invalid-params',
  'unknown-operation',
  'forbidden-sender',
  'probe-failed',
  'unavailable',
  'not-ipconfig',
  'too-large',
  'unreadable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface OpError {
  code: ErrorCode;
  message: string;
}

/** The one result shape of the code base: a value, or a typed error with a message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: OpError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): { ok: false; error: OpError } => ({
  ok: false,
  error: { code, message },
});
