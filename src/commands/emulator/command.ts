// `ips-jobs emulator`: the local IPS in the foreground, for trying the tool and for tests.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { timeBoundMs, type TimeBound } from '../../jobs/time-bound.js';
import type { CommandContext } from '../shared/command-context.js';
import { write } from '../shared/io.js';
import { countOption } from '../shared/option-parsers.js';
import { timeFlag } from '../shared/time-flags.js';

function speedOption(value: string): number {
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return speed;
}

interface EmulatorFlags {
  host: string;
  port: number;
  seed: number;
  jobs: number;
  speed: number;
  startTime?: TimeBound;
  faults?: string;
  tls?: boolean;
}

export function registerEmulator(program: Command, context: CommandContext): void {
  program
    .command('emulator')
    .description('run a local IPS emulator (real SOAP over HTTP, or HTTPS with --tls) until interrupted')
    .addOption(new Option('--host <address>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <n>', 'port to listen on (0 = any free port)').argParser(countOption(0)).default(8080))
    .addOption(new Option('--seed <n>', 'seed of the generated jobs').argParser(countOption(0)).default(1))
    .addOption(new Option('--jobs <n>', 'active jobs at start').argParser(countOption(0)).default(8))
    .addOption(new Option('--speed <x>', 'virtual seconds per real second (0 = frozen)').argParser(speedOption).default(1))
    .addOption(timeFlag('--start-time', "where the virtual clock starts; default now, by this machine's clock"))
    .option('--faults <plan>', 'fault plan, e.g. getActiveJobs#2:status=503,*:latency=500')
    .option('--tls', 'serve HTTPS with a throwaway self-signed certificate (needs openssl); prints its PEM path for --ca-file')
    .action(async (flags: EmulatorFlags) => {
      const { startEmulator, startTimeAt, parseFaultPlan, generateSelfSignedCertificate, DEMO_CREDENTIALS } = await import('../../emulator/index.js');
      const { listenFailure } = await import('../shared/setup-error.js');
      let faults;
      try {
        faults = flags.faults === undefined ? undefined : parseFaultPlan(flags.faults);
      } catch (error) {
        throw new InvalidArgumentError(`--faults: ${(error as Error).message}`);
      }
      const certificate = flags.tls
        ? await generateSelfSignedCertificate().catch(async (error: unknown) => {
            // Loaded here only: the config layer is not needed at every start-up.
            const { ConfigError } = await import('../../config/index.js');
            throw new ConfigError(`--tls: ${(error as Error).message}`, { cause: error });
          })
        : undefined;
      const tls = certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : {};
      // The clock starts at the real now unless told: a user who starts the emulator sees today's jobs, as with --demo.
      // Its offset stays the server's (-08:00), so a job name's stamp is the server's local time, as IPS writes it.
      const realNow = Date.now();
      const startTime = startTimeAt(flags.startTime === undefined ? realNow : timeBoundMs(flags.startTime, realNow));
      const emulator = await startEmulator({ host: flags.host, port: flags.port, seed: flags.seed, jobs: flags.jobs, speed: flags.speed, startTime, faults, ...tls }).catch(
        async (error: unknown) => {
          await certificate?.remove();
          throw listenFailure(error, '--host/--port', flags.host, flags.port);
        },
      );
      const caFile = certificate ? ` --ca-file ${certificate.certPath}` : '';
      const { io, signal } = context;
      await write(
        io.stdout,
        [
          `IPS emulator listening on ${emulator.url}`,
          `WSDL:     ${emulator.wsdlUrl}`,
          `username: ${DEMO_CREDENTIALS.username}`,
          `password: ${DEMO_CREDENTIALS.password}   (demo only)`,
          `company:  ${DEMO_CREDENTIALS.company} (${DEMO_CREDENTIALS.companyHandle})`,
          `clock:    ${emulator.clock.iso()}   (the server's time, in its offset)`,
          ...(certificate ? [`CA certificate: ${certificate.certPath}   (self-signed for 127.0.0.1 and localhost, removed on exit)`] : []),
          '',
          `Try: IPS_JOBS_ENDPOINT=${emulator.url} IPS_JOBS_USERNAME=${DEMO_CREDENTIALS.username} IPS_JOBS_PASSWORD=${DEMO_CREDENTIALS.password} IPS_JOBS_COMPANY='${DEMO_CREDENTIALS.company}' ips-jobs list${caFile}`,
          'Stop with Ctrl-C.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await emulator.close();
      await certificate?.remove();
    });
}
