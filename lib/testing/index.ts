export { createTestBackend, TestBackend, type TestBackendOptions, type ScriptedWrite } from './test-backend';
export { MemoryWebSocket, type MemoryServer } from './memory-web-socket';
export { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy';
export { planFaults, type ChaosOptions, type PlannedFault, type FaultKind } from './fault-plan';
export { seededRandom } from './seeded-random';
