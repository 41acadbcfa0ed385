import { z } from 'zod';
import { TIERS } from './product-inputs';

const tierName = z.string().trim().min(1, 'A tier needs a name.').max(50, 'At most 50 characters.');
const shape = Object.fromEntries(TIERS.map((t) => [`tier${t}`, tierName])) as Record<`tier${(typeof TIERS)[number]}`, typeof tierName>;

/**
 * The ten tier names, one field each (tier1 … tier10) so an error shows next to its field. Names
 * must differ: the CSV import accepts a tier's name as a column header.
 */
export const PriceTierNamesInput = z
  .object(shape)
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    for (const t of TIERS) {
      const key = v[`tier${t}`].toLowerCase();
      const first = seen.get(key);
      if (first) ctx.addIssue({ code: 'custom', path: [`tier${t}`], message: `Tier ${first} already has this name.` });
      else seen.set(key, t);
    }
  })
  .transform((v) => TIERS.map((t) => v[`tier${t}`]));
