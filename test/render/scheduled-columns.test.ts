import { describe, expect, it } from 'vitest';
import type { ScheduledJob } from '../../src/ips/types.js';
import { createPalette } from '../../src/render/palette.js';
import { renderRecordDelimited, renderRecordTable } from '../../src/render/records.js';
import { SCHEDULED_DEFAULT_COLUMNS, SCHEDULED_WIDE_COLUMNS, nextFireText, scheduledColumns, triggerStateStyle } from '../../src/render/scheduled-columns.js';

const NOW = new Date('2026-11-28T09:00:00-08:00');
const nightly: ScheduledJob = {
  jobHandle: 'j|1|Nightly|',
  name: 'Nightly-Publish',
  originalName: 'Nightly-Publish',
  type: 'ImageServingPublish',
  submitUserEmail: 'ana@example.com',
  locale: 'en-US',
  execSchedule: '00 00 02 * * ',
  nextFireTime: '2026-11-29T02:00:00.000-08:00',
  timeZone: 'PST',
  triggerState: 'Paused',
  imageServingPublishJob: { publishType: 'Full' },
};
const columns = scheduledColumns(NOW);
const pick = (ids: readonly string[]) => ids.map((id) => columns[id]!);

describe('scheduled job columns', () => {
  it('the table: schedule trimmed, next fire time as the server wrote it and relative', () => {
    expect(renderRecordTable([nightly], pick(SCHEDULED_DEFAULT_COLUMNS), { headers: true, palette: createPalette(false) })).toBe(
      [
        'NAME             TYPE                 SCHEDULE      NEXT FIRE                  ZONE  STATE   USER',
        'Nightly-Publish  ImageServingPublish  00 00 02 * *  2026-11-29 02:00 (in 17h)  PST   Paused  ana@example.com',
        '',
      ].join('\n'),
    );
  });

  it('csv keeps raw values under IPS field names, the job detail as its element name', () => {
    const [header, row] = [...renderRecordDelimited([nightly], pick(SCHEDULED_WIDE_COLUMNS), { format: 'csv', headers: true })];
    expect(header).toBe('name,type,execSchedule,nextFireTime,timeZone,triggerState,submitUserEmail,jobHandle,originalName,locale,description,jobDetail\n');
    expect(row).toBe('Nightly-Publish,ImageServingPublish,00 00 02 * * ,2026-11-29T02:00:00.000-08:00,PST,Paused,ana@example.com,j|1|Nightly|,Nightly-Publish,en-US,,imageServingPublishJob\n');
  });

  it('colours trigger states: Normal green, Paused yellow, Error and Blocked red', () => {
    const palette = createPalette(true);
    expect(triggerStateStyle('Normal', palette)?.('x')).toBe('\u001b[32mx\u001b[39m');
    expect(triggerStateStyle('paused', palette)?.('x')).toBe('\u001b[33mx\u001b[39m');
    expect(triggerStateStyle('Error', palette)?.('x')).toBe('\u001b[31mx\u001b[39m');
    expect(triggerStateStyle('Blocked', palette)?.('x')).toBe('\u001b[31mx\u001b[39m');
    expect(triggerStateStyle('Complete', palette)).toBeUndefined();
  });

  it('a missing or unreadable next fire time', () => {
    expect(nextFireText(undefined, NOW)).toBe('-');
    expect(nextFireText('soon', NOW)).toBe('soon');
  });
});
