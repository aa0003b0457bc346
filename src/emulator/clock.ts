// Virtual clock of the emulator: everything time-dependent (job lifecycle, dates in payloads, the HTTP
// Date header) reads this clock, never Date.now(), so tests can freeze time and step it.
import { performance } from 'node:perf_hooks';

export const DEFAULT_START_TIME = '2026-11-28T09:00:00.000-08:00';

/** The server's UTC offset (-08:00, US Pacific standard time, as DEFAULT_START_TIME has it) when a start time gives none. */
const SERVER_OFFSET_MINUTES = -480;

export interface VirtualClock {
  /** Current virtual time. */
  now(): Date;
  /** Move virtual time forward by `ms` (negative moves back) and apply the lifecycle. */
  advance(ms: number): void;
  /** Jump to an ISO instant and apply the lifecycle. */
  set(iso: string): void;
  /** Apply the lifecycle at the current virtual time (the server calls this on every request). */
  tick(): void;
  /** Current virtual time as ISO with the server's offset, e.g. `2026-11-28T09:00:00.000-08:00`. */
  iso(): string;
  /** The server's UTC offset in minutes (taken from startTime, SERVER_OFFSET_MINUTES by default). */
  readonly offsetMinutes: number;
  /** Virtual seconds per real second (0 = frozen). */
  readonly speed: number;
}

/** Parses an ISO instant; throws on garbage so a typo in startTime fails loudly. */
export function parseIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Invalid ISO date-time '${iso}'`);
  return ms;
}

/** The UTC offset written in an ISO string (`Z` → 0); undefined when it has none. */
function isoOffsetMinutes(iso: string): number | undefined {
  if (/Z$/i.test(iso)) return 0;
  const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  if (!m || !/T\d/.test(iso)) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Formats epoch ms as IPS does: local time of the server with milliseconds and offset. */
export function formatIso(ms: number, offsetMinutes: number): string {
  const local = new Date(Math.round(ms) + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2026-11-28-09:00:00`, the timestamp IPS appends to job names. */
export function formatJobStamp(ms: number, offsetMinutes: number): string {
  const iso = formatIso(ms, offsetMinutes);
  return `${iso.slice(0, 10)}-${iso.slice(11, 19)}`;
}

/**
 * A start time for the instant `epochMs`, written in the server's offset: a clock started from the real now (--demo,
 * `ips-jobs emulator`) keeps the server's offset, so job names carry the server's local time, as IPS's do, whatever
 * this machine's time zone.
 */
export function startTimeAt(epochMs: number): string {
  return formatIso(epochMs, SERVER_OFFSET_MINUTES);
}

export class EmulatorClock implements VirtualClock {
  readonly offsetMinutes: number;
  private baseVirtual: number;
  private baseReal: number;
  private readonly listeners: Array<(nowMs: number) => void> = [];

  constructor(
    startTime: string = DEFAULT_START_TIME,
    readonly speed: number = 1,
    // The real time (ms) the speed applies to: a test moves one of its own to see what an hour of it does.
    private readonly realNow: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(speed) || speed < 0) throw new Error(`Invalid clock speed ${speed}`);
    this.baseVirtual = parseIso(startTime);
    this.offsetMinutes = isoOffsetMinutes(startTime) ?? SERVER_OFFSET_MINUTES;
    this.baseReal = this.realNow();
  }

  nowMs(): number {
    return Math.floor(this.baseVirtual + (this.realNow() - this.baseReal) * this.speed);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  iso(): string {
    return formatIso(this.nowMs(), this.offsetMinutes);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`Invalid advance ${ms}`);
    this.baseVirtual += ms;
    this.tick();
  }

  set(iso: string): void {
    this.baseVirtual = parseIso(iso);
    this.baseReal = this.realNow();
    this.tick();
  }

  tick(): void {
    const now = this.nowMs();
    for (const listener of this.listeners) listener(now);
  }

  /** Registers what tick() applies (the IPS model's lifecycle). */
  onTick(listener: (nowMs: number) => void): void {
    this.listeners.push(listener);
  }
}
