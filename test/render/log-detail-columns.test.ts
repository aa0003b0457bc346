import { describe, expect, it } from 'vitest';
import {
  DETAIL_DELIMITED_COLUMNS,
  DETAIL_TABLE_DEFAULT,
  DETAIL_TABLE_WIDE,
  detailLines,
  detailLineStyle,
  formatDetailTime,
} from '../../src/render/log-detail-columns.js';
import { createPalette } from '../../src/render/palette.js';
import { renderRecordDelimited, renderRecordTable } from '../../src/render/records.js';
import { makeDetail } from '../jobs/log-fixtures.js';

const plain = createPalette(false);
const ok = makeDetail();
const warned = makeDetail({
  logType: 'UploadWarning',
  logMessage: 'shoe.psd was processed with warnings',
  assetName: 'shoe.psd',
  auxArray: [
    { logType: 'IPSJobLog.gcUploadWarning', logMessage: 'Colour profile missing', dateCreated: '2026-11-28T09:01:03-08:00' },
    { logType: 'IPSJobLog.gcUploadWarning', logMessage: 'Layer flattened' },
  ],
});

describe('log detail columns', () => {
  it('shows the server wall clock to the second', () => {
    expect(formatDetailTime('2026-11-28T09:01:02.345-08:00')).toBe('2026-11-28 09:01:02');
    expect(formatDetailTime(undefined)).toBe('-');
    expect(formatDetailTime('soon')).toBe('-');
  });

  it('puts each aux message on an indented line under its row, in the message column', () => {
    const lines = renderRecordTable(detailLines([ok, warned]), DETAIL_TABLE_DEFAULT, { headers: true, palette: plain }).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+LOG TYPE\s+ASSET\s+ASSET TYPE\s+MESSAGE$/);
    expect(lines[1]).toMatch(/^2026-11-28 09:01:02\s+UploadSuccess\s+boot.tif\s+MasterImage\s+boot.tif was processed into IPS$/);
    expect(lines[2]).toMatch(/^2026-11-28 09:01:02\s+UploadWarning\s+shoe.psd\s+MasterImage\s+shoe.psd was processed with warnings$/);
    const messageAt = lines[2]!.indexOf('shoe.psd was');
    expect(lines[3]!.slice(0, messageAt).trim()).toBe('');
    expect(lines[3]!.slice(messageAt)).toBe('↳ Colour profile missing [IPSJobLog.gcUploadWarning]');
    expect(lines[4]!.slice(messageAt)).toBe('↳ Layer flattened [IPSJobLog.gcUploadWarning]');
    expect(lines).toHaveLength(5);
  });

  it('wide adds the asset handle', () => {
    const header = renderRecordTable([], DETAIL_TABLE_WIDE, { headers: true, palette: plain });
    expect(header.trimEnd()).toMatch(/MESSAGE\s+ASSET HANDLE$/);
  });

  it('colours errors red and warnings yellow, aux lines dim', () => {
    const colour = createPalette(true);
    const [main, aux] = detailLines([warned]);
    expect(detailLineStyle(main!, colour)?.('x')).toBe('\u001b[33mx\u001b[39m');
    expect(detailLineStyle(aux!, colour)?.('x')).toBe('\u001b[2mx\u001b[22m');
    expect(detailLineStyle(detailLines([makeDetail({ logType: 'UploadError' })])[0]!, colour)?.('x')).toBe('\u001b[31mx\u001b[39m');
    expect(detailLineStyle(detailLines([ok])[0]!, colour)).toBeUndefined();
  });

  it('csv/tsv: IPS field names, raw values, aux messages joined with "; "', () => {
    const lines = [...renderRecordDelimited([ok, warned], DETAIL_DELIMITED_COLUMNS, { format: 'tsv', headers: true })];
    expect(lines[0]).toBe('dateCreated\tlogType\tassetName\tassetType\tassetHandle\tlogMessage\tauxMessages\n');
    expect(lines[1]).toBe('2026-11-28T09:01:02.345-08:00\tUploadSuccess\tboot.tif\tMasterImage\ta|42|1|1\tboot.tif was processed into IPS\t\n');
    expect(lines[2]).toContain('\tIPSJobLog.gcUploadWarning: Colour profile missing; IPSJobLog.gcUploadWarning: Layer flattened\n');
  });
});
