import { parseCliOptions, USAGE } from '../../lib/server/cli-options';

describe('parseCliOptions', () => {
  it('defaults to port 3000 on 127.0.0.1 with the local key', () => {
    expect(parseCliOptions([])).toEqual({
      kind: 'serve',
      options: { port: 3000, host: '127.0.0.1', apiKey: 'local-dev-key', rateLimit: undefined, tokenTtlSeconds: undefined, dataFile: undefined },
    });
  });

  it('reads every flag', () => {
    const argv = ['--port', '0', '--host', '0.0.0.0', '--api-key', 'k', '--rate-limit', '10', '--token-ttl', '60', '--data', 'd.json'];
    expect(parseCliOptions(argv)).toEqual({
      kind: 'serve',
      options: { port: 0, host: '0.0.0.0', apiKey: 'k', rateLimit: 10, tokenTtlSeconds: 60, dataFile: 'd.json' },
    });
  });

  it('turns the web console off with --no-console (on unless asked)', () => {
    expect(parseCliOptions(['--no-console'])).toMatchObject({ kind: 'serve', noConsole: true });
    expect(parseCliOptions([])).not.toHaveProperty('noConsole', true);
    expect(USAGE).toContain('--no-console');
  });

  it('answers --version', () => {
    expect(parseCliOptions(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliOptions(['--port', '1', '--version'])).toEqual({ kind: 'version' });
  });

  it('answers --help and -h', () => {
    expect(parseCliOptions(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliOptions(['-h'])).toEqual({ kind: 'help' });
    for (const flag of ['--port', '--host', '--api-key', '--rate-limit', '--token-ttl', '--data', '--version', '--help']) expect(USAGE).toContain(flag);
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer >= 0, got "abc"'],
    [['--port', '70000'], '--port must be at most 65535'],
    [['--rate-limit', '0'], '--rate-limit must be an integer >= 1, got "0"'],
    [['--token-ttl', '1.5'], '--token-ttl must be an integer >= 1, got "1.5"'],
    [['--api-key', ''], '--api-key must not be empty'],
  ])('refuses %j', (argv, message) => {
    expect(parseCliOptions(argv)).toEqual({ kind: 'error', message });
  });

  it('reads --cors as * or an origin, and refuses anything else', () => {
    expect(parseCliOptions(['--cors', '*'])).toMatchObject({ kind: 'serve', options: { cors: '*' } });
    expect(parseCliOptions(['--cors', 'http://localhost:4200'])).toMatchObject({ kind: 'serve', options: { cors: 'http://localhost:4200' } });
    expect(parseCliOptions(['--cors', 'localhost'])).toEqual({
      kind: 'error',
      message: '--cors must be "*" or an origin such as "http://localhost:4200" (scheme, host and port, no path), got "localhost"',
    });
    expect(USAGE).toContain('--cors');
  });

  it('refuses unknown flags', () => {
    expect(parseCliOptions(['--verbose'])).toMatchObject({ kind: 'error', message: expect.stringContaining("'--verbose'") });
  });
});
