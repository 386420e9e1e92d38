import { HPKVClientFactory } from '../../lib/client';

/** Uses the server jest's globalSetup started (spec/support/global-setup.ts). */
describe('a spec against the globalSetup server', () => {
  it('finds the server in the environment and talks to it', async () => {
    const baseUrl = process.env.HPKV_BASE_URL!;
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = HPKVClientFactory.createApiClient(process.env.HPKV_API_KEY!, baseUrl, { throttling: { enabled: false } });
    try {
      await client.connect();
      const key = `global-setup:${process.pid}`;
      await client.set(key, 'shared server');
      await expect(client.get(key)).resolves.toMatchObject({ value: 'shared server' });
    } finally {
      client.destroy();
    }
  });
});
