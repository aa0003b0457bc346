// The layers of src/ import one way only (ARCHITECTURE.md): a module never imports from a layer above its own. This
// reads every import of every module (static, type-only and dynamic) and fails on one that goes up.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SRC = path.join(REPO_ROOT, 'src');

/** What each layer may import, besides itself. `commands` is the top: it may import every layer. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  text: [],
  ips: ['text'],
  config: ['text', 'ips'],
  jobs: ['text', 'ips'],
  render: ['text', 'ips', 'jobs'],
  emulator: ['text', 'ips'],
  follow: ['text', 'ips', 'jobs'],
  exporter: ['text', 'ips', 'jobs', 'follow'],
  commands: ['text', 'ips', 'config', 'jobs', 'render', 'follow', 'emulator', 'exporter', 'exit-codes'],
  'exit-codes': [],
  index: ['text', 'ips', 'config', 'jobs', 'render', 'exit-codes'],
};

/** A file's layer: its folder under src/, or its own name for a file at the top of src/. */
function layerOf(file: string): string {
  const [first] = path.relative(SRC, file).split(path.sep);
  return first!.replace(/\.ts$/, '');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The files of src/ that `file` imports (statically, dynamically or for types). */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map(([, specifier]) => path.resolve(path.dirname(file), specifier!).replace(/\.js$/, '.ts'))
    .filter((target) => target.startsWith(SRC + path.sep));
}

/** Each import cycle once, as the path that closes it (depth first; a module on the current path seen again). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, trail: string[]): void => {
    const at = trail.indexOf(node);
    if (at !== -1) return void found.push([...trail.slice(at), node]);
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('the layers of src/', () => {
  const files = sourceFiles(SRC);

  it('knows every layer it finds', () => {
    expect([...new Set(files.map(layerOf))].filter((layer) => !(layer in MAY_IMPORT))).toEqual([]);
  });

  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), specifier!);
        if (!target.startsWith(SRC + path.sep)) continue;
        const to = layerOf(target.replace(/\.js$/, '.ts'));
        if (to !== from && !MAY_IMPORT[from]!.includes(to)) upward.push(`${path.relative(SRC, file)} → ${specifier} (${from} may not import ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('no import cycle: no module imports, through others, a module that imports it', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    expect(cycles(graph).map((cycle) => cycle.map((file) => path.relative(SRC, file)).join(' → '))).toEqual([]);
  });

  it('the cycle check sees a cycle', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('the check sees an upward import', () => {
    // The same reading applied to a line that goes up (render → commands) finds it.
    const line = "import { write } from '../commands/shared/io.js';";
    const [match] = [...line.matchAll(IMPORT)];
    expect(layerOf(path.resolve(path.join(SRC, 'render'), match![1]!).replace(/\.js$/, '.ts'))).toBe('commands');
    expect(MAY_IMPORT.render).not.toContain('commands');
  });
});
