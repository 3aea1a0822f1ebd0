// `bondline fab user add|token|list|disable`: set up the fab's accounts from the machine that holds
// the store (docs/fab.md §14.7), before anyone can sign in to add them through the API. Every change
// is written to the audit log as `cli:<the system user>`. A password comes on standard input (its
// first line) with --password-stdin, or is made here and shown once; a token is shown once.
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { formatIssues } from '@bondline/core';
import {
  type FabStore,
  hashPassword,
  loadFabConfig,
  newToken,
  passwordProblem,
  ROLES,
  type Role,
  TOKEN_SCOPES,
  type TokenScope,
  USER_ID,
} from '@bondline/fab';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { readInputText } from '../io.js';
import { printHelp, usageError } from '../usage.js';
import {
  describeStore,
  openStoreOrFail,
  requireMigrated,
  STORE_OPTION_HELP,
  storeLocationArg,
} from './fab-store-option.js';

const USAGE =
  'bondline fab user add <name> --store <s> --org <id> --role <role> [--config <fab.yaml>] [--password-stdin]\n' +
  '       bondline fab user token <name> --store <s> --label <text> [--scope read|write] [--days <n>]\n' +
  '       bondline fab user list --store <s> | disable <name> --store <s>';

const HELP = `usage: ${USAGE}
  The fab's accounts (docs/fab.md §14). Once the store holds a user, fab up and fab serve require
  every request to sign in (POST /api/session) or carry an API token.
  add        a user of an organisation (the fab's or a maker's) with one role:
             ${ROLES.join(', ')}; a maker's users may only be maker-engineer or viewer
  token      a new API token of the user, printed once (the store keeps only its hash)
  list       the users, with their organisation and role
  disable    the user can no longer sign in; their sessions end and their tokens stop acting
${STORE_OPTION_HELP}
  --org <id>         the user's organisation (stored by the collector from the configuration, or
                     by --config here)
  --config <file>    store the configuration's organisations first (the fab and its makers)
  --password-stdin   read the password from the first line of standard input (12 to 1024
                     characters); without it a random one is made and printed once
  --label <text>     what the token is for (shown in lists)
  --scope <s>        read (default: it may only read) or write (it acts as the user)
  --days <n>         the token expires after n days (default: never; revoke it with the API)
Exit codes: 0 done, 1 the store cannot be reached, 2 bad arguments or refused.`;

const DAY_MS = 86_400_000;
const ACTOR = `cli:${safeUserName()}`;

export async function runFabUser(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      store: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      config: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      label: { type: 'string' },
      scope: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab user',
  );
  if (values.help === true) return printHelp(HELP);
  const [action, name, ...extra] = positionals;
  if (action === undefined) throw usageError('which action? (add, token, list, disable)', USAGE);
  if (!['add', 'token', 'list', 'disable'].includes(action))
    throw usageError(`unknown action '${action}' (expected add, token, list or disable)`, USAGE);
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`, USAGE);
  if (action !== 'list' && name === undefined) throw usageError(`fab user ${action}: which user?`, USAGE);
  if (action === 'list' && name !== undefined) throw usageError(`unexpected argument '${name}'`, USAGE);
  if (name !== undefined && !USER_ID.test(name))
    throw new CliError(`user name '${name}': 1..64 of A-Z a-z 0-9 . _ @ -, starting with a letter or digit`);
  if (values.store === undefined) throw usageError('--store is required', USAGE);
  const location = storeLocationArg(values.store);
  const store = await openStoreOrFail(location, { mustExist: true });
  try {
    await requireMigrated(store, location);
    const user = name ?? '';
    if (action === 'add') await addUser(store, user, values);
    else if (action === 'token') await addToken(store, user, values);
    else if (action === 'disable') {
      const r = await store.disableUser(user, Date.now());
      if (!r.ok) throw new CliError(`fab user disable: ${formatIssues(r.issues)}`);
      await audit(store, 'user disable', user, {});
      process.stdout.write(`user ${user} disabled\n`);
    } else await listUsers(store);
    process.stderr.write(`(${describeStore(location)})\n`);
    return 0;
  } finally {
    await store.close();
  }
}

interface Values {
  readonly org?: string | undefined;
  readonly role?: string | undefined;
  readonly config?: string | undefined;
  readonly 'password-stdin'?: boolean | undefined;
  readonly label?: string | undefined;
  readonly scope?: string | undefined;
  readonly days?: string | undefined;
}

async function addUser(store: FabStore, name: string, v: Values): Promise<void> {
  if (v.org === undefined) throw usageError('fab user add: --org is required', USAGE);
  const role = ROLES.find((r): r is Role => r === v.role);
  if (role === undefined) throw new CliError(`--role: '${v.role ?? ''}' is not one of ${ROLES.join(', ')}`);
  if (v.config !== undefined) await storeOrganisations(store, v.config);
  let password: string;
  let shown = false;
  if (v['password-stdin'] === true) {
    password = (await readInputText('-', 'standard input')).split(/\r?\n/)[0] ?? '';
    const weak = passwordProblem(password);
    if (weak !== undefined) throw new CliError(`the password on standard input: ${weak}`);
  } else {
    password = randomBytes(18).toString('base64url');
    shown = true;
  }
  process.stderr.write('hashing the password (scrypt, about a second)...\n');
  const r = await store.createUser({
    id: name,
    organisationId: v.org,
    role,
    passwordHash: await hashPassword(password),
    createdMs: Date.now(),
  });
  if (!r.ok) {
    const hint =
      r.issues[0]?.code === 'unknown-reference' ? ' (store the organisations with --config <fab.yaml>)' : '';
    throw new CliError(`fab user add ${name}: ${formatIssues(r.issues)}${hint}`);
  }
  await audit(store, 'user add', name, { organisation: v.org, role });
  process.stdout.write(`user ${name} added: ${role} of ${v.org} (${r.value.side})\n`);
  if (shown) process.stdout.write(`password (shown once): ${password}\n`);
}

async function addToken(store: FabStore, name: string, v: Values): Promise<void> {
  if (v.label === undefined) throw usageError('fab user token: --label is required', USAGE);
  const scope = TOKEN_SCOPES.find((s): s is TokenScope => s === (v.scope ?? 'read'));
  if (scope === undefined) throw new CliError(`--scope: '${v.scope ?? ''}' is not read or write`);
  let expiresMs: number | undefined;
  if (v.days !== undefined) {
    const days = /^[0-9]{1,4}$/.test(v.days) ? Number(v.days) : Number.NaN;
    if (!(days >= 1 && days <= 3650))
      throw new CliError(`--days: '${v.days}' is not a whole number of days, 1 to 3650`);
    expiresMs = Date.now() + days * DAY_MS;
  }
  const t = newToken();
  const r = await store.createApiToken({
    id: t.id,
    userId: name,
    hash: t.hash,
    label: v.label,
    scope,
    createdMs: Date.now(),
    ...(expiresMs === undefined ? {} : { expiresMs }),
  });
  if (!r.ok) throw new CliError(`fab user token ${name}: ${formatIssues(r.issues)}`);
  await audit(store, 'token add', name, { token: t.id, scope });
  process.stdout.write(`${t.text}\n`);
  process.stderr.write(
    `token ${t.id} of ${name} (${scope}${expiresMs === undefined ? '' : `, expires ${new Date(expiresMs).toISOString()}`}): shown once, send it as Authorization: Bearer <token>\n`,
  );
}

async function listUsers(store: FabStore): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await store.listUsers({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) throw new CliError(`fab user list: ${formatIssues(page.issues)}`, { exitCode: 1 });
    for (const u of page.value.items)
      process.stdout.write(
        `${u.id}\t${u.organisationId}\t${u.side}\t${u.role}${u.disabledMs === undefined ? '' : '\tdisabled'}\n`,
      );
    cursor = page.value.nextCursor;
  } while (cursor !== undefined);
}

/** The configuration's organisations into the store (what the collector writes when it starts). */
async function storeOrganisations(store: FabStore, path: string): Promise<void> {
  const config = await loadFabConfig(path);
  if (!config.ok) throw new CliError(formatIssues(config.issues));
  const c = config.value;
  const r = await store.writeBatch([
    { type: 'organisation', id: c.fab.id, name: c.fab.name, role: 'fab' },
    ...c.makers.map((m) => ({
      type: 'organisation' as const,
      id: m.id,
      name: m.name,
      role: 'maker' as const,
    })),
  ]);
  if (!r.ok) throw new CliError(`--config ${path}: ${formatIssues(r.issues)}`, { exitCode: 1 });
}

async function audit(
  store: FabStore,
  action: string,
  target: string,
  detail: Record<string, string>,
): Promise<void> {
  const r = await store.appendAudit({
    atMs: Date.now(),
    actorId: ACTOR,
    actorRole: 'cli',
    action,
    target,
    outcome: 0,
    detail,
  });
  if (!r.ok) throw new CliError(`audit log: ${formatIssues(r.issues)}`, { exitCode: 1 });
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
