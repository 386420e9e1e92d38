export { createTestBackend, TestBackend, type TestBackendOptions, type ScriptedWrite } from './test-backend';
export { MemoryWebSocket, type MemoryServer } from './memory-web-socket';
