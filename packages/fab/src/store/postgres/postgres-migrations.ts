// The at-scale store's migrations, in order. A new migration is a new numbered file added here;
// an applied one is never edited (the name recorded with it is checked on every migrate()).
import { checkMigrationList } from '../migration.js';
import { migration as initial } from './migrations/0001-initial.js';
import { migration as factsToolChecked } from './migrations/0002-facts-tool-checked-per-batch.js';
import { migration as pairAnalyses } from './migrations/0003-pair-analyses.js';
import { migration as r2r } from './migrations/0004-r2r.js';
import { migration as factsKeyedByDataId } from './migrations/0005-facts-keyed-by-dataid.js';
import { migration as spc } from './migrations/0006-spc.js';
import { migration as fdc } from './migrations/0007-fdc.js';
import { migration as tickets } from './migrations/0008-tickets.js';
import { migration as accounts } from './migrations/0009-accounts.js';
import { migration as deadLetters } from './migrations/0010-webhook-dead-letters.js';

export const POSTGRES_MIGRATIONS = checkMigrationList([
  initial,
  factsToolChecked,
  pairAnalyses,
  r2r,
  factsKeyedByDataId,
  spc,
  fdc,
  tickets,
  accounts,
  deadLetters,
]);
