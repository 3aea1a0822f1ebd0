// The `--bus` option of the `bondline fab` commands: the NATS JetStream servers of the scaled layout.
import { formatIssues } from '@bondline/core';
import { type JetStreamBus, type JetStreamBusOptions, openJetStreamBus } from '@bondline/fab';
import { CliError } from '../cli-error.js';

export const BUS_OPTION_HELP =
  '  --bus <url>        NATS JetStream, nats://host:port (several: comma-separated); default the\n' +
  "                     configuration's bus";

const SERVER = /^nats:\/\/[^\s/,]+:\d{1,5}$/;

/** The `--bus` value as NATS server URLs; anything else is a CliError (exit 2). */
export function busServersArg(value: string): string[] {
  const servers = value.split(',').map((s) => s.trim());
  for (const s of servers) {
    if (!SERVER.test(s)) throw new CliError(`--bus: '${s}' is not a NATS server (expected nats://host:port)`);
  }
  return servers;
}

/** Connect to the bus; one that cannot be reached is a CliError with exit 1 (not the user's input). */
export async function openBusOrFail(options: JetStreamBusOptions): Promise<JetStreamBus> {
  const opened = await openJetStreamBus(options);
  if (!opened.ok) {
    throw new CliError(`bus ${[options.servers].flat().join(',')}: ${formatIssues(opened.issues)}`, {
      exitCode: opened.issues.some((i) => i.code === 'bus-misconfigured') ? 2 : 1,
    });
  }
  return opened.value;
}
