/**
 * Which location an FBA connection gets (DESIGN.md, "Locations"): named after the FBA account;
 * a location of that name is reused only when it has no bins and no other connection owns it;
 * otherwise a new one is made as name + the first free numeric suffix (1, 2, …). A location the
 * user picked is reused under the same conditions.
 */
export type LocationInfo = { id: string; name: string; binCount: number; externalConnectionId: string | null };
export type ExternalChoice = { reuse: string } | { create: string };

const norm = (s: string) => s.trim().toLowerCase();

export function chooseExternalLocation(accountName: string, locations: LocationInfo[], pickedId?: string | null): ExternalChoice {
  const usable = (l: LocationInfo) => l.binCount === 0 && l.externalConnectionId === null;
  if (pickedId) {
    const picked = locations.find((l) => l.id === pickedId);
    if (picked && usable(picked)) return { reuse: picked.id };
  } else {
    const same = locations.find((l) => norm(l.name) === norm(accountName));
    if (!same) return { create: accountName.trim() };
    if (usable(same)) return { reuse: same.id };
  }
  const taken = new Set(locations.map((l) => norm(l.name)));
  for (let n = 1; ; n++) if (!taken.has(norm(`${accountName} ${n}`))) return { create: `${accountName.trim()} ${n}` };
}
