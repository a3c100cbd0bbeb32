/**
 * Mentions: catalog names and aliases found in free text, case-insensitive,
 * whole words, longest first, no overlaps. Text after `rather than`,
 * `instead of` or `not` names rejected answers.
 */

export interface Term {
  /** The name or alias as written in the catalog. */
  text: string
  id: string
}

export interface Mention {
  id: string
  start: number
  end: number
}

export interface Resolution {
  accepted: string[]
  rejected: string[]
  /** Segments naming nothing the catalog knows, with their offset in the text. */
  unresolved: Array<{ text: string; offset: number }>
}

/** Longest first so, for example, `SageMaker real-time endpoint` wins over `real-time endpoint`. */
export function sortTerms(terms: readonly Term[]): Term[] {
  return [...terms].sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
}

const wordChar = /[\p{L}\p{N}]/u

function isBoundary(text: string, index: number): boolean {
  const char = text[index]
  return char === undefined || !wordChar.test(char)
}

/** Every non-overlapping mention of `terms` (already sorted longest first), in text order. */
export function findMentions(text: string, terms: readonly Term[]): Mention[] {
  const lower = text.toLowerCase()
  const taken = new Array<boolean>(text.length).fill(false)
  const found: Mention[] = []
  for (const term of terms) {
    const needle = term.text.toLowerCase()
    if (needle === '') continue
    for (let start = lower.indexOf(needle); start >= 0; start = lower.indexOf(needle, start + 1)) {
      const end = start + needle.length
      if (!isBoundary(lower, start - 1) || !isBoundary(lower, end)) continue
      if (taken.slice(start, end).some(Boolean)) continue
      taken.fill(true, start, end)
      found.push({ id: term.id, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Blank out `ignore` phrases (same length, so offsets still point into the original). */
export function maskPhrases(text: string, phrases: readonly string[]): string {
  let masked = text
  for (const phrase of phrases) {
    const needle = phrase.toLowerCase()
    if (needle === '') continue
    const lower = masked.toLowerCase()
    for (let start = lower.indexOf(needle); start >= 0; start = lower.indexOf(needle, start + 1)) {
      const end = start + needle.length
      if (isBoundary(lower, start - 1) && isBoundary(lower, end)) {
        masked = masked.slice(0, start) + ' '.repeat(needle.length) + masked.slice(end)
      }
    }
  }
  return masked
}

/** Words after which a cell names what does not fit. */
export const rejectionWords = ['rather than', 'instead of', 'not'] as const

const boundary = (words: readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'iu')

const separator = new RegExp(`,|;|${boundary(['or', 'and', 'with', 'plus', ...rejectionWords]).source}`, 'giu')

/** Mentions before the first rejection word are accepted, those after it rejected (and never accepted). */
export function partitionMentions(
  text: string,
  mentions: readonly Mention[],
  words: readonly string[] = rejectionWords,
): { accepted: string[]; rejected: string[] } {
  const cut = text.search(boundary(words))
  const rejectFrom = cut < 0 ? Number.POSITIVE_INFINITY : cut
  const rejected = unique(mentions.filter((mention) => mention.start >= rejectFrom).map((mention) => mention.id))
  const accepted = unique(mentions.filter((mention) => mention.start < rejectFrom).map((mention) => mention.id))
  return { accepted: accepted.filter((id) => !rejected.includes(id)), rejected }
}

/** Resolve an answer cell into accepted and rejected answer ids. */
export function resolveMentions(text: string, terms: readonly Term[], ignore: readonly string[] = []): Resolution {
  const masked = maskPhrases(text, ignore)
  const mentions = findMentions(masked, terms)
  return { ...partitionMentions(masked, mentions), unresolved: unresolvedSegments(masked, mentions) }
}

function unresolvedSegments(text: string, mentions: readonly Mention[]): Resolution['unresolved'] {
  const unresolved: Resolution['unresolved'] = []
  let start = 0
  const bounds = [...text.matchAll(separator)].map((match) => [match.index, match.index + match[0].length] as const)
  for (const [from, to] of [...bounds, [text.length, text.length] as const]) {
    const segment = trimSegment(text, start, from)
    start = to
    if (segment === undefined) continue
    const covered = mentions.some((mention) => mention.start < segment.end && mention.end > segment.start)
    if (!covered) unresolved.push({ text: text.slice(segment.start, segment.end), offset: segment.start })
  }
  return unresolved
}

/** Trim spaces and punctuation; a segment with no letter or digit left is no segment. */
function trimSegment(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const edge = /[\s.,;:!?()[\]"'“”‘’`*_-]/u
  while (start < end && edge.test(text[start] ?? '')) start += 1
  while (end > start && edge.test(text[end - 1] ?? '')) end -= 1
  return wordChar.test(text.slice(start, end)) ? { start, end } : undefined
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
