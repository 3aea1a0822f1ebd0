// Where the shipped tool examples are (configuration, fault catalogue, profiles, recipes): the
// nearest examples/tool/ above this module. In the repository that is examples/tool/ at the root,
// from src/faults/ (tests, tsx) and dist/faults/ (the build) alike; an installed @bondline/tool
// carries a copy in its own folder (packed by its prepack script), found first.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder `examples/tool` holding a tool.yaml above `from` (default: this module's
 * folder), or undefined. Read once at start-up, so a synchronous look is fine.
 */
function findToolExamples(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; ) {
    const candidate = join(dir, 'examples', 'tool');
    if (existsSync(join(candidate, 'tool.yaml'))) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

// Without a copy anywhere above, the repository layout is assumed so a read names a real place.
const EXAMPLES = findToolExamples() ?? fileURLToPath(new URL('../../../../examples/tool', import.meta.url));

/** Absolute path of the shipped fault catalogue (examples/tool/faults.yaml). */
export const DEFAULT_CATALOGUE_PATH = join(EXAMPLES, 'faults.yaml');

/** Absolute path of the directory of the shipped profiles (examples/tool/profiles/). */
export const PROFILES_DIR = join(EXAMPLES, 'profiles');

/** Names of the shipped profiles, loadable by name. */
export const SHIPPED_PROFILES = ['immature', 'mature'] as const;
