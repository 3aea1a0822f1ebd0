export { fsyncDirectory, writeFileAtomic } from './atomic-write.js';
export {
  DocumentStore,
  type DocumentStoreOptions,
  STORE_DOCUMENTS,
  STORE_FORMAT,
  STORE_VERSION,
} from './document-store.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
