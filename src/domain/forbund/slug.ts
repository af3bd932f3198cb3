/**
 * A förbund's slug from its name, for a registry entry that gives none: the words every name shares
 * ("Samordningsförbundet", "Finsam", "i") and a parenthesised abbreviation are left out, Swedish letters are
 * written without their marks, the rest joined with hyphens. "Samordningsförbundet Östra Södertörn" →
 * "ostra-sodertorn", "Finsam Kävlinge-Lomma" → "kavlinge-lomma". A slug, once made, is kept when the name changes.
 */
const COMMON_WORDS = new Set(['samordningsförbundet', 'samordningsförbund', 'finsam', 'i']);

export function slugFromName(name: string): string {
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^a-zåäöéüæø0-9]+/)
    .filter((w) => w && !COMMON_WORDS.has(w));
  const slug = words
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o');
  return slug || 'forbund';
}
