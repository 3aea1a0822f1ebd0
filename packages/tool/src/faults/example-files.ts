// Where the shipped fault catalogue and profiles are: examples/tool/ at the repository root. The path
// is the same from src/faults/ (tests, tsx) and dist/faults/ (the built package): four levels up.
import { fileURLToPath } from 'node:url';

const EXAMPLES = new URL('../../../../examples/tool/', import.meta.url);

/** Absolute path of the shipped fault catalogue (examples/tool/faults.yaml). */
export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL('faults.yaml', EXAMPLES));

/** Absolute path of the directory of the shipped profiles (examples/tool/profiles/). */
export const PROFILES_DIR = fileURLToPath(new URL('profiles/', EXAMPLES));

/** Names of the shipped profiles, loadable by name. */
export const SHIPPED_PROFILES = ['immature', 'mature'] as const;
