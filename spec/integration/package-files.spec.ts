import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import manifest from '../../package.json';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** The repository's web address, from package.json `repository` (`git+https://….git`). */
const REPOSITORY = /^git\+(https:\/\/github\.com\/[^/]+\/[^/]+)\.git$/.exec(manifest.repository.url)?.[1];

/** Every link target in a Markdown text, outside code blocks: inline `](…)` and `[label]: …`. */
function linkTargets(markdown: string): string[] {
  const text = markdown.replace(/^```[^]*?^```/gm, '');
  const inline = [...text.matchAll(/\]\(([^)\s]+)[^)]*\)/g)].map((match) => match[1]);
  const definitions = [...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((match) => match[1]);
  return [...inline, ...definitions];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): string[] {
  return [...markdown.matchAll(/^#+\s+(.*)$/gm)].map((match) => match[1].toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'));
}

/**
 * Which of these files `npm pack` would ship. It packs a copy holding only them and package.json,
 * so a build rewriting dist/ meanwhile (the packed-package spec) cannot disturb it.
 */
async function shippedOf(files: string[]): Promise<string[]> {
  const copy = await mkdtemp(join(tmpdir(), 'hpkv-files-'));
  try {
    for (const file of ['package.json', ...files].filter((file) => existsSync(resolve(ROOT, file)))) {
      await mkdir(dirname(join(copy, file)), { recursive: true });
      await copyFile(resolve(ROOT, file), join(copy, file));
    }
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: copy, maxBuffer: 1 << 24 });
    return (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

/** What the README reads like on npm, or in node_modules/hpkv-rx: every link leads somewhere. */
describe('what the package ships and what its README points at', () => {
  let readme: string;
  let shipped: string[];
  let tracked: string[];

  beforeAll(async () => {
    readme = await readFile(resolve(ROOT, 'README.md'), 'utf8');
    const relative = linkTargets(readme).map((target) => target.split('#')[0]).filter((path) => path !== '' && !/^[a-z]+:/.test(path));
    shipped = await shippedOf(['README.md', 'LICENSE', ...relative]);
    tracked = (await run('git', ['ls-files'], { cwd: ROOT, maxBuffer: 1 << 24 })).stdout.split('\n');
  }, 60_000);

  it('ships the LICENSE its package.json names', async () => {
    expect(shipped).toContain('LICENSE');
    expect(manifest.license).toBe('MIT');
    expect((await readFile(resolve(ROOT, 'LICENSE'), 'utf8')).split('\n')[0]).toBe('MIT License');
  });

  it('names one repository in repository, homepage and bugs', () => {
    expect(REPOSITORY).toBeDefined();
    expect(manifest.homepage).toBe(`${REPOSITORY}#readme`);
    expect(manifest.bugs.url).toBe(`${REPOSITORY}/issues`);
  });

  it('links only to files the package ships, its own headings, or files in that repository', async () => {
    const broken: string[] = [];
    for (const target of linkTargets(readme)) {
      const [path, fragment] = target.split('#') as [string, string | undefined];
      if (path === '') {
        if (!anchors(readme).includes(fragment!)) broken.push(`${target}: no such heading`);
      } else if (!/^[a-z]+:/.test(path)) {
        if (!shipped.includes(path)) broken.push(`${target}: not in the npm package; link to ${REPOSITORY}/blob/main/${path}`);
      } else if (path.startsWith(`${REPOSITORY}/`)) {
        // An image is `…/blob/main/<file>?raw=true`: the query is not part of the file.
        const [, kind, file] = /^[^]*?\/(blob|tree)\/main\/([^?]+)/.exec(path) ?? [];
        const exists = kind === 'blob' ? tracked.includes(file) : kind === 'tree' && tracked.some((tracked) => tracked.startsWith(`${file}/`));
        if (!exists) broken.push(`${target}: not a file or folder in the repository`);
        else if (fragment !== undefined && !anchors(await readFile(resolve(ROOT, file), 'utf8')).includes(fragment)) broken.push(`${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('defines every reference link it uses, and uses every one it defines', () => {
    const text = readme.replace(/^```[^]*?^```/gm, '');
    const defined = [...text.matchAll(/^\[([^\]]+)\]:/gm)].map((match) => match[1]);
    const body = text.replace(/^\[[^\]]+\]:.*$/gm, '');
    // `[text][label]`, and shortcut links whose label is code: `[`path`]`
    const used = [...body.matchAll(/\]\[([^\]]+)\]/g), ...body.matchAll(/\[(`[^`\]]+`)\](?![([])/g)].map((match) => match[1]);
    expect(used.filter((label) => !defined.includes(label))).toEqual([]);
    expect(defined.filter((label) => !body.includes(`[${label}]`))).toEqual([]);
  });
});
