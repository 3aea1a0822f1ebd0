import { describe, expect, it } from 'vitest';
import { HsmsError } from '../../hsms/errors.js';
import { StoreError } from '../store/store-error.js';
import { equipmentError, GemEquipmentError } from './gem-equipment-error.js';
import { StateFileError } from './state-store.js';

describe('equipmentError', () => {
  it('keeps a GemEquipmentError and classifies the rest by kind, with the original as cause', () => {
    const own = new GemEquipmentError('not-spooled', 'S6F11 not spooled: spool full');
    expect(equipmentError(own)).toBe(own);
    const t3 = new HsmsError('t3-timeout', 'no reply to S6F11 within T3');
    expect(equipmentError(t3)).toMatchObject({ code: 'send-failed', message: t3.message, cause: t3 });
    expect(equipmentError(new StoreError('io-error', 'reports', 'disk full')).code).toBe('storage-failed');
    expect(equipmentError(new StateFileError('bad shape')).code).toBe('storage-failed');
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      syscall: 'write',
    });
    expect(equipmentError(enospc).code).toBe('storage-failed');
    expect(equipmentError(new TypeError('x is undefined')).code).toBe('internal-error');
    expect(equipmentError('a string')).toMatchObject({ code: 'internal-error', message: 'a string' });
  });

  it('every code is kebab-case', () => {
    for (const code of [
      'send-failed',
      'not-spooled',
      'storage-failed',
      'handler-failed',
      'reply-overdue',
    ] as const)
      expect(new GemEquipmentError(code, 'm').code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
