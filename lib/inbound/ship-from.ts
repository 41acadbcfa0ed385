import type { fbaConnections } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import type { InboundAddress } from '@/lib/fba/sp-api/models/inbound';

type Connection = Pick<
  typeof fbaConnections.$inferSelect,
  'contactName' | 'contactPhone' | 'contactEmail' | 'shipFromName' | 'shipFromLine1' | 'shipFromLine2' | 'shipFromCity' | 'shipFromState' | 'shipFromPostalCode' | 'shipFromCountry'
>;

/** The ship-from snapshot kept on an inbound shipment (jsonb): Amazon's address keys, the contact person. */
export type ShipFrom = Record<string, string | null>;

const REQUIRED: [keyof Connection, string][] = [
  ['contactName', 'Contact name'],
  ['contactPhone', 'Contact phone'],
  ['shipFromName', 'Ship-from name'],
  ['shipFromLine1', 'Ship-from address line 1'],
  ['shipFromCity', 'Ship-from city'],
  ['shipFromPostalCode', 'Ship-from postal code'],
  ['shipFromCountry', 'Ship-from country'],
];

/** What the Setup tab still lacks before Amazon accepts an inbound plan (its contact person and ship-from address). */
export function missingShipFrom(conn: Connection): string[] {
  return REQUIRED.filter(([k]) => !conn[k]).map(([, label]) => label);
}

/** The Setup tab's contact person and ship-from address, as the shipment keeps them. Refused when incomplete. */
export function shipFromOf(conn: Connection): ShipFrom {
  const missing = missingShipFrom(conn);
  if (missing.length)
    throw new DomainError('INVALID_INPUT', `Amazon needs the contact person and ship-from address from the Setup tab first. Missing: ${missing.join(', ')}.`, {
      from: ['Complete the contact person and ship-from address on the Setup tab.'],
    });
  return {
    name: conn.shipFromName,
    addressLine1: conn.shipFromLine1,
    addressLine2: conn.shipFromLine2,
    city: conn.shipFromCity,
    stateOrProvinceCode: conn.shipFromState,
    postalCode: conn.shipFromPostalCode,
    countryCode: conn.shipFromCountry,
    phoneNumber: conn.contactPhone,
    email: conn.contactEmail,
    contactName: conn.contactName,
  };
}

/** The snapshot as Amazon's sourceAddress. */
export function sourceAddressOf(s: ShipFrom): InboundAddress & { phoneNumber: string } {
  const opt = (v: string | null | undefined) => (v ? v : undefined);
  return {
    name: s.name ?? '',
    addressLine1: s.addressLine1 ?? '',
    addressLine2: opt(s.addressLine2),
    city: s.city ?? '',
    stateOrProvinceCode: opt(s.stateOrProvinceCode),
    postalCode: s.postalCode ?? '',
    countryCode: s.countryCode ?? '',
    phoneNumber: s.phoneNumber ?? '',
    email: opt(s.email),
  };
}
