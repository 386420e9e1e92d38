export { startLocalServer, type LocalServer, type LocalServerOptions, type TokenConfig } from './local-server';
export { Engine, type EngineOptions, type Change, type ReplyBody } from './engine';
export { type Session } from './session';
export { RecordStore, type StoredRecord, type RangePage } from './record-store';
export { TokenIssuer, subscriptionPatterns, type TokenIssuerOptions, type TokenClaims } from './token-issuer';
export { RateLimiter } from './rate-limiter';
export { authenticateUpgrade, type UpgradeAuth } from './upgrade-auth';
export { patchValue } from './patch-value';
export { loadDataFile, saveDataFile } from './data-file';
