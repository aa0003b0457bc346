// `submit <kind>`'s flags against the table of which flags each kind takes (FLAGS_BY_KIND): the command defines
// exactly the flags of the table (plus the follow flags, which go with --wait), and every flag given to a kind that
// does not take it is refused by the command itself, before run.ts is loaded (nothing read, nothing sent).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addFollowOptions } from '../../src/commands/shared/follow-flags.js';
import { UsageError } from '../../src/commands/shared/usage-error.js';
import { FLAGS_BY_KIND, SUBMIT_KINDS } from '../../src/jobs/submit-plan.js';
import { testProgram } from '../helpers/program.js';

function submitCommand(): Command {
  const submit = testProgram(['submit']).commands.find((command) => command.name() === 'submit');
  if (submit === undefined) throw new Error('no submit command');
  return submit;
}

const followFlags = addFollowOptions(new Command()).options.map((option) => option.long);
const tabled = [...new Set(SUBMIT_KINDS.flatMap((kind) => FLAGS_BY_KIND[kind]))];

/** A valid value for each flag that takes one (a kind-only flag), so that only the kind can make it wrong. */
const VALUES: Readonly<Record<string, readonly string[]>> = {
  '--publish-type': ['full'],
  '--urls': ['/nonexistent/urls.tsv'],
  '--dest-folder': ['spring'],
  '--overwrite': [],
  '--ready-for-publish': [],
  '--create-mask': [],
  '--then-publish': ['video'],
  '--batch-size': ['3'],
};

describe('submit defines the flags of FLAGS_BY_KIND', () => {
  it('every flag of the command is in the table, or is a follow flag (which needs --wait)', () => {
    const own = submitCommand()
      .options.map((option) => option.long)
      .filter((long) => !followFlags.includes(long));
    expect(new Set(own)).toEqual(new Set(tabled));
  });
});

describe('a flag given to a kind that does not take it is refused by the command (exit 2)', () => {
  const kindOnly = tabled.filter((flag) => !SUBMIT_KINDS.every((kind) => FLAGS_BY_KIND[kind].includes(flag)));

  it('has a value for every flag that only some kinds take', () => {
    expect(Object.keys(VALUES).sort()).toEqual([...kindOnly].sort());
  });

  const cases = SUBMIT_KINDS.flatMap((kind) => kindOnly.filter((flag) => !FLAGS_BY_KIND[kind].includes(flag)).map((flag) => ({ kind, flag })));

  it.each(cases)('$kind $flag', async ({ kind, flag }) => {
    const goesWith = SUBMIT_KINDS.filter((k) => FLAGS_BY_KIND[k].includes(flag)).join(', ');
    const run = testProgram(['submit']).parseAsync(['submit', kind, flag, ...(VALUES[flag] ?? []), '--dry-run'], { from: 'user' });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(new RegExp(`^${flag} only goes with ${goesWith}, not ${kind}$`));
  });
});
