// A job the user may not control: every control operation on its handle answers authorizationFault 20003 and
// changes nothing, while the same operations on other jobs go through.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { faultOf, items, returned, soapCall, text } from './soap-helpers.js';

const started: Emulator[] = [];
async function emulator(): Promise<Emulator> {
  const emu = await startEmulator({ speed: 0, jobs: 0 });
  started.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((emu) => emu.close()));
});

const COMPANY = 'c|1001';
const control = (emu: Emulator, operation: string, jobHandle: string) => soapCall(emu.url, operation, { companyHandle: COMPANY, jobHandle });

describe('protected jobs', () => {
  it('addJob({ protected: true }): stopJob and deleteJob answer 20003 and the job runs on; other jobs stop', async () => {
    const emu = await emulator();
    const guarded = emu.ips.addJob({ originalName: 'Guarded-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 10, protected: true });
    const free = emu.ips.addJob({ originalName: 'Free-Publish', type: 'ImageServingPublish', waitMs: 0, durationMs: 60_000, files: 10 });

    for (const operation of ['stopJob', 'deleteJob']) {
      const answer = await control(emu, operation, guarded.jobHandle);
      expect(answer.status).toBe(500);
      expect(faultOf(answer)).toEqual({
        element: 'authorizationFault',
        code: 20003,
        reason: `User does not have permission to access operation '${operation}'`,
      });
    }
    expect(emu.ips.findJob(guarded.jobHandle)?.job.state).toBe('Running');

    expect(returned(await control(emu, 'stopJob', free.jobHandle))?.name).toBe('stopJobReturn');
    expect(emu.ips.findJob(free.jobHandle)?.job.state).toBe('Stopping');
  });

  it('protectJob(handle) guards a scheduled job from pause, resume, run and delete', async () => {
    const emu = await emulator();
    const handle = 'j|1001|Hourly-Supplier-Feed|';
    emu.ips.protectJob(handle);
    expect(emu.ips.isProtected(handle)).toBe(true);
    for (const operation of ['pauseJob', 'resumeJob', 'executeJob', 'deleteJob']) {
      expect(faultOf(await control(emu, operation, handle))).toMatchObject({ element: 'authorizationFault', code: 20003 });
    }
    const schedule = items(await soapCall(emu.url, 'getScheduledJobs', { jobHandle: handle }), 'jobArray')[0];
    expect(text(schedule, 'triggerState')).toBe('Normal');
    expect(items(await soapCall(emu.url, 'getActiveJobs', { originalName: 'Hourly-Supplier-Feed', includeWaitingJobs: true }), 'jobArray')).toHaveLength(0);
    // Another schedule is not affected.
    expect((await control(emu, 'pauseJob', 'j|1001|Nightly-Full-Publish|')).status).toBe(200);
  });

  it('still checks the company first: a company the user is not in is 20006, not 20003', async () => {
    const emu = await emulator();
    emu.ips.protectJob('j|1003|Northwind-Daily-Publish|');
    const answer = await soapCall(emu.url, 'pauseJob', { companyHandle: 'c|1003', jobHandle: 'j|1003|Northwind-Daily-Publish|' });
    expect(faultOf(answer)).toMatchObject({ element: 'authorizationFault', code: 20006 });
  });
});
