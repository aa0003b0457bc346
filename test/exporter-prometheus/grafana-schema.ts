// A dashboard's JSON checked against Grafana's published types (@grafana/schema, through grafana-dashboard-type.ts) by
// the TypeScript compiler: the JSON becomes an object literal of type ImportableDashboard in a module of its own, so
// tsc checks every key and value (unknown keys included: an object literal's excess properties are errors). Importing
// the .json instead would widen its strings to `string`, which no union or enum of the schema accepts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const TYPE_MODULE = fileURLToPath(new URL('./grafana-dashboard-type.js', import.meta.url));

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts'],
  types: [],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * The type errors of each JSON text as an ImportableDashboard, in order: an empty list for a dashboard that fits.
 * All are checked in one program, so Grafana's types are read once.
 */
export function dashboardTypeErrors(jsonTexts: readonly string[]): string[][] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ips-jobs-dashboard-'));
  try {
    const files = jsonTexts.map((json, i) => {
      const file = path.join(dir, `dashboard-${i}.mts`);
      writeFileSync(file, `import type { ImportableDashboard } from ${JSON.stringify(TYPE_MODULE)};\nexport const dashboard: ImportableDashboard = ${json};\n`);
      return file;
    });
    const program = ts.createProgram(files, OPTIONS);
    const global = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file === undefined || !files.includes(diagnostic.file.fileName));
    if (global.length > 0) throw new Error(`the check itself does not compile:\n${describe(global)}`);
    return files.map((file) => describe(ts.getPreEmitDiagnostics(program, program.getSourceFile(file))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
    return `${where ? `line ${where.line}: ` : ''}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}
