import { AuthenticationError, ConnectionError, HPKVError, ProtocolError, TimeoutError } from '../../../lib/client';

/** An error as a user's code sees it, as plain data a spec can assert on. */
export interface SeenError {
  /** `error.name`, what `console.log` and error trackers show. */
  name: string;
  message: string;
  code?: number;
  /** The most specific hpkv-rx class the error is an instance of (`Error` for none). */
  instanceOf: string;
  /** `instanceof HPKVError`: what `catch (e) { if (e instanceof HPKVError) … }` relies on. */
  isHPKVError: boolean;
  /** True for a write that may or may not have been applied (`ConnectionError`, `TimeoutError`); absent otherwise. */
  outcomeUnknown?: boolean;
}

/** Most specific first, named here: a bundler may rename a class (esbuild makes rxjs's and ours `TimeoutError` and `TimeoutError2`). */
const CLASSES = Object.entries({ AuthenticationError, TimeoutError, ProtocolError, ConnectionError, HPKVError });

export function seenError(error: unknown): SeenError {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error), instanceOf: 'none', isHPKVError: false };
  return {
    name: error.name,
    message: error.message,
    code: (error as HPKVError).code,
    instanceOf: CLASSES.find(([, type]) => error instanceof type)?.[0] ?? 'Error',
    isHPKVError: error instanceof HPKVError,
    ...((error as { outcomeUnknown?: boolean }).outcomeUnknown === true ? { outcomeUnknown: true } : {}),
  };
}
