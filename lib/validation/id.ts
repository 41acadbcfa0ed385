import { z } from 'zod';

/**
 * A row id: every table's key is a UUID the database generates. Checking the shape first turns a
 * hand-edited URL or a stale form value into "not found" instead of a query the database refuses
 * ("invalid input syntax for type uuid").
 */
export const Id = z.uuid();

export function isUuid(value: unknown): value is string {
  return Id.safeParse(value).success;
}

/**
 * Any 8-4-4-4-12 hex id, the shape a PostgreSQL uuid column accepts (Id above also checks the
 * version and variant of the ids we make): for checking that a value from outside can be cast.
 */
export const Guid = z.guid();

export function isGuid(value: unknown): value is string {
  return Guid.safeParse(value).success;
}
