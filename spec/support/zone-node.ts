/**
 * zone.js for Node, for one spec file: import it first (before @angular/core). Its patches of
 * Node's shared modules are undone when the file's tests are over, so the next spec file in the
 * same jest worker runs on unpatched Node. Keep the file's own hooks inside its `describe`
 * blocks: jest runs those before this file-level `afterAll`, so sockets close while still patched.
 */
import { restoreSharedNodeModules } from './shared-node-modules';
import 'zone.js/node';

afterAll(restoreSharedNodeModules);
