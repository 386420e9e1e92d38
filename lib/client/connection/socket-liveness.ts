import { type ResolvedConnectionConfig } from '../config';
import { Heartbeat, type HeartbeatRequests } from './heartbeat';
import { type SocketOpened } from './web-socket';

/** An open socket as the connection uses it: how to send on it, and the heartbeat watching it (none when off). */
export interface WatchedSocket {
  readonly heartbeat: Heartbeat | undefined;
  /** Sends one frame (false: the socket is closing); a frame that left tells the heartbeat a reply is owed. */
  readonly send: (frame: string) => boolean;
}

/**
 * Wires a new heartbeat to an open socket: what arrives reaches it (in Node the socket's
 * `onactivity`, once per chunk read, so frames cost nothing more; elsewhere each frame, before
 * `frame` gets it) and so do the frames sent. Its verdict fails the socket's stream.
 */
export function watchSocket(socket: SocketOpened, config: ResolvedConnectionConfig, requests: HeartbeatRequests | undefined, frame: (text: string) => void): WatchedSocket {
  if (config.heartbeat === false) {
    socket.onFrame = frame;
    return { heartbeat: undefined, send: (text) => socket.send(text) };
  }
  const heartbeat = new Heartbeat(config.heartbeat, config.scheduler, socket.socket, requests, socket.fail);
  if (typeof socket.socket.ping === 'function') {
    socket.socket.onactivity = () => heartbeat.activity();
    socket.onFrame = frame;
  } else {
    socket.onFrame = (text) => {
      heartbeat.activity();
      frame(text);
    };
  }
  const send = (text: string): boolean => {
    if (!socket.send(text)) return false;
    heartbeat.sent();
    return true;
  };
  return { heartbeat, send };
}
