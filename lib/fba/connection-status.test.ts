import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { connectionStatus } from './connection-status';

describe('FBA connection status table', () => {
  it('disconnects an Active connection once; a disconnected one stays so', () => {
    expectExactMoves(connectionStatus, [['Active', 'Disconnected']]);
    expect(connectionStatus.buttonsFrom('Active')).toEqual([{ to: 'Disconnected', label: 'Disconnect…', danger: true }]);
    expect(connectionStatus.buttonsFrom('Disconnected')).toEqual([]);
  });
});
