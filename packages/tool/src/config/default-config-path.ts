// Where the default tool configuration is when `--config` is absent. In the repository it is
// examples/tool/tool.yaml at the root, from the TypeScript sources (src/config) and the build
// (dist/config) alike; a package that ships examples/ in its own folder is found the same way.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue, ok, type Result } from '@bondline/core';

const RELATIVE = join('examples', 'tool', 'tool.yaml');

/**
 * The absolute path of examples/tool/tool.yaml in the nearest folder above this module that has one
 * (`from`: where to start looking, default this module's folder).
 */
export async function defaultToolConfigPath(
  from = dirname(fileURLToPath(import.meta.url)),
): Promise<Result<string>> {
  let dir = from;
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (await isFile(candidate)) return ok(candidate);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return {
    ok: false,
    issues: [
      issue(
        'no-default-config',
        `no ${RELATIVE} in ${from} or any folder above it: give the tool configuration with --config`,
      ),
    ],
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
