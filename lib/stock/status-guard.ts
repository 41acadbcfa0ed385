import { DomainError } from '@/lib/errors';

/**
 * The shared shape of every status field's rules: a transition table, a guard, and the message
 * when a compare-and-set finds the row in another status than the caller expected.
 */
export function makeTransitions<S extends string>(document: string, next: Record<S, readonly S[]>) {
  const canMove = (from: S, to: S) => next[from].includes(to);
  return {
    canMove,
    assertTransition(from: S, to: S) {
      if (!canMove(from, to)) throw new DomainError('INVALID_TRANSITION', `A ${from} ${document} cannot become ${to}.`);
    },
    /**
     * The compare-and-set matched no row: the status is not `from` any more (or never was). A move
     * that is impossible from the current status is INVALID_TRANSITION; one that was only based on
     * an old view of the document is STALE_STATE.
     */
    refuse(label: string, current: S | undefined, from: S, to: S): never {
      if (current === undefined) throw new DomainError('NOT_FOUND', `That ${document} no longer exists.`);
      if (!canMove(current, to)) throw new DomainError('INVALID_TRANSITION', `${label} is ${current}: it cannot become ${to}.`);
      throw new DomainError('STALE_STATE', `${label} changed since you opened it (it was ${from}, now ${current}). Reload and try again.`);
    },
  };
}
