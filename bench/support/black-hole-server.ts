/**
 * A WebSocket server that accepts every connection at /ws and never answers: requests stay
 * pending in the client, which is what the heap-per-pending-request benchmark measures.
 * Run as a child process; prints `listening PORT`.
 */
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const http = createServer();
const wss = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false, maxPayload: 1 << 30 });
wss.on('connection', (ws) => ws.on('message', () => undefined));
http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`));
process.on('SIGTERM', () => process.exit(0));
