import { open, type FileHandle } from 'node:fs/promises';

/** Node's FileHandle class is not exported: its prototype, reached through a handle on `probe` (a file it creates), for spying on writes and syncs. */
export async function fileHandlePrototype(probe: string): Promise<FileHandle> {
  const handle = await open(probe, 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as FileHandle;
}
