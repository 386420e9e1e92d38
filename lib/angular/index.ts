export { provideHpkv, type HpkvProviderOptions, type HpkvFactory } from './provide-hpkv';
export { HPKV } from './hpkv';
export { type HpkvClient, type AnyHpkvClient } from './hpkv-client';
export { liveSignal, type LiveSignalOptions } from './live-signal';
export { zoneBridge } from './zone-bridge';
