/**
 * Slugs for ids: lower-case ASCII words joined by `-`.
 * Ids are derived from text (never from positions) so they survive edits elsewhere.
 */

/** `Low-latency, always-on API` → `low-latency-always-on-api`. */
export function slug(text: string): string {
  const value = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  // Ids must start with a letter or digit; text made only of symbols still needs one.
  return value === '' ? 'untitled' : value
}

/** Cut a slug at a word boundary so it stays under `max` characters. */
export function truncateSlug(value: string, max: number): string {
  if (value.length <= max) return value
  const cut = value.slice(0, max + 1).lastIndexOf('-')
  return cut > 0 ? value.slice(0, cut) : value.slice(0, max)
}
