// The generated description of our WSDL (src/ips/wsdl-description.ts) that drives the request writer and the
// response reader: it must be what the generator makes of the WSDL today, so a WSDL change cannot be forgotten.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
const GENERATOR = path.join(REPO_ROOT, 'scripts/generate-wsdl-description.mjs');

describe('the generated WSDL description', () => {
  it('is up to date with src/ips/wsdl/ips-jobs.wsdl', async () => {
    // Rejects (exit 1, naming the file and `npm run generate`) when the two disagree.
    await expect(run(process.execPath, [GENERATOR, '--check'], { cwd: REPO_ROOT })).resolves.toEqual({ stdout: '', stderr: '' });
  });

  it('the check fails when the description and the WSDL disagree', async () => {
    // The generator run on a copy of the repo's generator and files, with one element of the WSDL renamed.
    const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-describe-'));
    const root = path.join(dir, 'repo');
    for (const file of ['scripts/generate-wsdl-description.mjs', 'src/ips/wsdl/ips-jobs.wsdl', 'src/ips/wsdl-description.ts']) {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const changed = file.endsWith('.wsdl') ? text.replace('<element name="numRows"', '<element name="rowCount"') : text;
      expect(changed === text).toBe(!file.endsWith('.wsdl'));
      const target = path.join(root, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, changed);
    }
    // node-soap is resolved from the repo's node_modules.
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
    const failed = await run(process.execPath, [path.join(root, 'scripts/generate-wsdl-description.mjs'), '--check'], { cwd: root }).catch((error: unknown) => error);
    expect(failed).toMatchObject({ code: 1, stderr: 'src/ips/wsdl-description.ts is out of date: run `npm run generate`\n' });
  });
});
