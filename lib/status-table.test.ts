import { describe, expect, it } from 'vitest';
import { statusTable } from './status-table';
import { expectExactMoves } from '@/test/status-tables';

type Door = 'Open' | 'Shut' | 'Locked';
const door = statusTable<Door>({
  document: 'door',
  next: { Open: ['Shut'], Shut: ['Open', 'Locked'], Locked: ['Shut'] },
  buttons: { Shut: { label: 'Shut' }, Locked: { label: 'Lock', danger: true } },
});

describe('statusTable', () => {
  it('lists every status and allows exactly the moves of the table', () => {
    expect(door.statuses).toEqual(['Open', 'Shut', 'Locked']);
    expectExactMoves(door, [['Open', 'Shut'], ['Shut', 'Open'], ['Shut', 'Locked'], ['Locked', 'Shut']]);
    expect(() => door.assertMove('Open', 'Locked')).toThrow('A door that is Open cannot become Locked.');
  });

  it('offers the buttons of the moves allowed from a status, in the table’s order; moves without a label have none', () => {
    expect(door.buttonsFrom('Open')).toEqual([{ to: 'Shut', label: 'Shut', danger: false }]);
    expect(door.buttonsFrom('Shut')).toEqual([{ to: 'Locked', label: 'Lock', danger: true }]);
    expect(door.buttonsFrom('Locked')).toEqual([{ to: 'Shut', label: 'Shut', danger: false }]);
  });

  it('writes through the conditional update and says why when it matched nothing', async () => {
    const row = { id: 1 };
    expect(await door.write('Open', 'Shut', { update: async () => row, current: async () => undefined })).toBe(row);
    const missed = (status: Door | null) => ({ update: async () => undefined, current: async () => (status ? { label: 'Door 7', status } : undefined) });
    await expect(door.write('Shut', 'Locked', missed(null))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That door no longer exists.' });
    await expect(door.write('Shut', 'Locked', missed('Locked'))).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Door 7 is already Locked.' });
    await expect(door.write('Shut', 'Locked', missed('Open'))).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Door 7 is Open: it cannot become Locked.' });
    await expect(door.write('Open', 'Shut', missed('Locked'))).rejects.toMatchObject({
      code: 'STALE_STATE',
      message: 'Door 7 changed since you opened it (it was Open, now Locked). Reload and try again.',
    });
  });

  it('refuses a move the table does not allow before writing anything', async () => {
    let wrote = false;
    const update = async () => ((wrote = true), { id: 1 });
    await expect(door.write('Open', 'Locked', { update, current: async () => undefined })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(wrote).toBe(false);
  });
});
