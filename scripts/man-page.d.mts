// Types for scripts/man-page.mjs, which node runs as it is (scripts/generate-commands-doc.mjs) and
// test/docs/man-page.test.ts imports.
import type { Command } from 'commander';

export function escapeText(text: string): string;
export function textLine(roff: string): string;
export function termText(term: string): string;
export function subcommands(command: Command): Command[];
export function readmeExamples(readme: string): Array<{ command: string; description: string }>;
