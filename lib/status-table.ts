import { DomainError } from '@/lib/errors';

/** A button a document offers in its status: the move it makes and the words on it. */
export type StatusButton<S extends string> = { to: S; label: string; danger: boolean };

/** What a compare-and-set found when it matched no row: the row's status now, named for messages. */
export type CurrentStatus<S extends string> = { label: string; status: S } | undefined;

/**
 * One status field's rules, with no database code so that pages, client forms and lib/ ask the
 * same table. Each `*-status.ts` file declares one:
 *
 *   export const transferStatus = statusTable<TransferStatus>({
 *     document: 'transfer',
 *     next: { Draft: ['In Transit', 'Voided'], … },         // every status, and where it may go
 *     buttons: { 'In Transit': { label: 'Ship' }, … },       // the button that makes a move, by target
 *   });
 *
 * `next` is a Record over the status type, so a status added to the column without a row here fails
 * the type check. Moves without a button are made by the system (a worker, a callback).
 */
export function statusTable<S extends string>(spec: {
  /** The document's name in messages: "transfer", "stock adjustment". */
  document: string;
  next: Record<S, readonly S[]>;
  buttons?: Partial<Record<S, { label: string; danger?: boolean }>>;
}) {
  const { document, next } = spec;
  const statuses = Object.keys(next) as S[];
  const canMove = (from: S, to: S): boolean => (next[from] ?? []).includes(to);

  function assertMove(from: S, to: S): void {
    if (!canMove(from, to)) throw new DomainError('INVALID_TRANSITION', `A ${document} that is ${from} cannot become ${to}.`);
  }

  /**
   * The compare-and-set matched no row: the status is not `from` any more (or never was). A move
   * impossible from the current status is INVALID_TRANSITION; one made from an old view of the
   * document is STALE_STATE, so the message tells the user to reload rather than that it is forbidden.
   */
  function refuse(current: CurrentStatus<S>, from: S, to: S): never {
    if (!current) throw new DomainError('NOT_FOUND', `That ${document} no longer exists.`);
    if (!canMove(current.status, to))
      throw new DomainError('INVALID_TRANSITION', current.status === to ? `${current.label} is already ${to}.` : `${current.label} is ${current.status}: it cannot become ${to}.`);
    throw new DomainError('STALE_STATE', `${current.label} changed since you opened it (it was ${from}, now ${current.status}). Reload and try again.`);
  }

  return {
    document,
    statuses,
    canMove,
    assertMove,
    /** The buttons a page shows for a document in `from`, in the table's order. */
    buttonsFrom(from: S): StatusButton<S>[] {
      return (next[from] ?? []).flatMap((to) => {
        const b = spec.buttons?.[to];
        return b ? [{ to, label: b.label, danger: b.danger ?? false }] : [];
      });
    },
    /**
     * The only way a status is written: checks the move, runs the caller's conditional update
     * (`UPDATE … WHERE id = $1 AND status = from RETURNING …`, in the caller's transaction), and
     * when it matched nothing, reads the row again to say why.
     */
    async write<R>(from: S, to: S, cas: { update: () => Promise<R | undefined>; current: () => Promise<CurrentStatus<S>> }): Promise<R> {
      assertMove(from, to);
      const row = await cas.update();
      if (row !== undefined) return row;
      return refuse(await cas.current(), from, to);
    },
  };
}

export type StatusTable<S extends string> = ReturnType<typeof statusTable<S>>;
