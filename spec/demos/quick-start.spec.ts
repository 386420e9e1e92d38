import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

/** `npm run demo` is the README's first command: it must keep working. */
describe('demos/quick-start.ts', () => {
  it('runs to the end against its embedded server and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../../demos/quick-start.ts')], { stdio: 'pipe' });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const [code] = (await once(child, 'exit')) as [number];
    const output = Buffer.concat(chunks).toString();
    expect(output).toContain('live$      product:lamp went [null,"{\\"price\\":30}","{\\"price\\":25}",null]');
    expect(output).toContain('✔ done');
    expect(code).toBe(0);
  });
});
