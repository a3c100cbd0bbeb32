/**
 * Small text helpers shared by the generator and the audit's solvers: word
 * sets (so "overlap" means the same thing to both), template rendering and
 * sentence casing.
 */

/** Words that carry no meaning about which option fits. */
const stopWords = new Set(
  (
    'a an and are as at be by can for from has have how if in into is it its more most ' +
    'of on or that the their them then there these this to too was what when where which ' +
    'who why will with without you your does do should would than not no only each any ' +
    'question says think need needs use using best fit fits option options team ' +
    'following choose select requirement'
  ).split(' '),
)

/** Crude stemmer: enough to match "features" with "feature" and "tuning" with "tune". */
export function stem(word: string): string {
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y'
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2)
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3)
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2)
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

/**
 * A memo for a pure function of a string. The generator and the audit ask for
 * the same texts (cues, names, option texts) over and over; bounded, so a
 * long-running process (watch mode, the API) does not keep every text forever.
 */
export function memo<T>(fn: (text: string) => T, limit = 100_000): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    let value = cache.get(text)
    if (value === undefined) {
      if (cache.size >= limit) cache.clear()
      value = fn(text)
      cache.set(text, value)
    }
    return value
  }
}

const tokensOf = memo((text: string): readonly string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [])

/** Lower-case word tokens, including short ones. */
export function tokens(text: string): readonly string[] {
  return tokensOf(text)
}

/** Stemmed content words of a text (shared: do not modify). */
export const contentWords = memo((text: string): ReadonlySet<string> => {
  const out = new Set<string>()
  for (const token of tokens(text)) {
    if (stopWords.has(token)) continue
    if (token.length < 2) continue
    out.add(stem(token))
  }
  return out
})

export function intersectionSize(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let count = 0
  for (const value of a) if (b.has(value)) count++
  return count
}

/** Jaccard similarity of two word sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = intersectionSize(a, b)
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

/** Normalised text for equality: case, quotes, punctuation and spacing ignored. */
export const normalize = memo((text: string): string => tokens(text).join(' '))

export function slug(text: string): string {
  return tokens(text).join('-').slice(0, 60).replace(/-+$/, '') || 'x'
}

/**
 * The names whose first word is `first` (compared in lower case), longest
 * first: only those can start a text whose first word is `first`. Indexed
 * once per set (the graph index's names), rebuilt if the set's size changes.
 */
const namesByFirstWord = new WeakMap<ReadonlySet<string>, { size: number; byWord: Map<string, string[]> }>()
function namesStartingWith(names: ReadonlySet<string>, first: string): readonly string[] {
  if (names.size === 0) return []
  let cached = namesByFirstWord.get(names)
  if (cached === undefined || cached.size !== names.size) {
    const byWord = new Map<string, string[]>()
    for (const name of names) {
      const word = name.match(/^[A-Za-z][\w-]*/)?.[0]?.toLowerCase()
      if (word === undefined) continue
      const list = byWord.get(word)
      if (list === undefined) byWord.set(word, [name])
      else list.push(name)
    }
    for (const list of byWord.values()) list.sort((a, b) => b.length - a.length)
    cached = { size: names.size, byWord }
    namesByFirstWord.set(names, cached)
  }
  return cached.byWord.get(first.toLowerCase()) ?? []
}

/** The catalog spelling a text starts with (a name or alias, whole words, any case), if any. */
export function catalogPrefix(text: string, names: ReadonlySet<string>): string | undefined {
  const first = text.match(/^[A-Za-z][\w-]*/)?.[0]
  if (!first) return undefined
  for (const name of namesStartingWith(names, first)) {
    if (text.length < name.length || /^[\w-]/.test(text.slice(name.length))) continue
    if (text.slice(0, name.length).toLowerCase() === name.toLowerCase()) return name
  }
  return undefined
}

/**
 * The first letter for use mid-sentence. A text that starts with a catalog
 * name takes that name's first letter as the catalog writes it (for example "Amazon S3",
 * "Terraform" stay; "batch transform" is lowered); any other text is lowered
 * unless its first word is written with an inner capital or a digit
 * (for example "SageMaker", "IAM", "Dev/Test", "F1").
 */
export function lowerFirst(text: string, names: ReadonlySet<string> = new Set()): string {
  const first = text.match(/^[A-Za-z][\w-]*/)?.[0]
  if (!first) return text
  const named = catalogPrefix(text, names)
  if (named !== undefined) return named.charAt(0) + text.slice(1)
  const word = text.split(/\s/)[0] ?? first
  if (/[A-Z]/.test(word.slice(1)) || /\d/.test(first)) return text
  return first.charAt(0).toLowerCase() + text.slice(1)
}

/** The catalog's spellings, with those written as code (never re-cased, even at the start of a sentence). */
export class CatalogNames extends Set<string> {
  readonly literal = new Set<string>()
}

/** Capitalise the first letter, unless the text starts with a catalog name written as code (`kubectl drain`). */
export function upperFirstName(text: string, names: ReadonlySet<string> = new Set()): string {
  if (names instanceof CatalogNames && names.literal.size > 0) {
    const named = catalogPrefix(text, names)
    if (named !== undefined && names.literal.has(named)) return text
  }
  return upperFirst(text)
}

/** A catalog name written with a capital (or an acronym) first: a proper name, capitalised everywhere. */
export function isProperName(text: string, names: ReadonlySet<string>): boolean {
  return names.has(text) && !/^[a-z]/.test(text)
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** End a sentence with exactly one terminal punctuation mark. */
export function sentence(text: string): string {
  const trimmed = text.trim()
  if (/[.!?]["”’)]?$/.test(trimmed)) return trimmed
  return trimmed + '.'
}

/** Strip one trailing period so a phrase can be embedded. */
export function phrase(text: string): string {
  return text.trim().replace(/\.$/, '')
}

/**
 * Fill `{name}` and `{name:lower}` placeholders. Returns undefined when a
 * placeholder has no value, so the caller can fall back to another variant.
 */
export function render(
  template: string,
  values: ReadonlyMap<string, string>,
  names: ReadonlySet<string> = new Set(),
): string | undefined {
  let missing = false
  const out = template.replace(/\{([^{}:]+)(?::([a-z]+))?\}/g, (_match, rawName: string, modifier?: string) => {
    const name = rawName.trim()
    const value = values.get(name) ?? values.get(name.toLowerCase())
    if (value === undefined) {
      missing = true
      return ''
    }
    const plain = phrase(value)
    return modifier === 'lower' ? lowerFirst(plain, names) : plain
  })
  // A quoted question or exclamation ends its own sentence: “Who changed it?”. → “Who changed it?”
  return missing ? undefined : out.replace(/\s+/g, ' ').replace(/([?!][”"’'])\./g, '$1').trim()
}

/**
 * Quote a cue as written, so it reads grammatically inside any sentence
 * whether it is a noun phrase ("Offline predictions for a dataset"), a verb
 * phrase ("Store raw and processed ML data") or a quoted clue already.
 */
export function quote(text: string): string {
  const plain = phrase(text)
  if (/^["“'‘].*["”'’]$/.test(plain)) return plain.replace(/^["']/, '“').replace(/["']$/, '”')
  return `“${upperFirst(plain)}”`
}

/**
 * Whether a name reads as plural: a list ("Log transform, winsorization"),
 * or a last word written in lower case with a plural -s ("Interface VPC
 * endpoints", "Pipeline parameters"). A capitalised last word is a product
 * name and singular (for example "Amazon Kinesis Data Streams", "AWS Step Functions"),
 * and so is a catalog name joined by "and" ("Backup and restore"): it names
 * one thing.
 */
export function isPlural(name: string, names: ReadonlySet<string> = new Set()): boolean {
  const text = phrase(name)
  // A name written as code (`kubectl get events`) is one command.
  if (names instanceof CatalogNames && names.literal.has(text)) return false
  if (text.includes(',')) return true
  if (/ and /.test(text) && catalogPrefix(text, names)?.length !== text.length) return true
  const last = text.split(/[\s/]+/).pop() ?? ''
  return /^[a-z][a-z-]*[^sui]s$/.test(last)
}

/** "is" or "are" for a name used as a subject. */
export function be(name: string, names: ReadonlySet<string> = new Set()): string {
  return isPlural(name, names) ? 'are' : 'is'
}

/**
 * An answer written as an action or a list ("Stop notebook instances or use
 * managed environments appropriately", "Class weights, resampling, threshold
 * tuning", "Bring your own script") reads as a quotation, not as a name,
 * inside a sentence. Proper names of four words do not.
 */
export function isPhraseAnswer(name: string, names: ReadonlySet<string> = new Set()): boolean {
  const text = phrase(name)
  const words = text.split(/\s+/).length
  // Four words read as a name when the catalog writes them as one, or when a later word is a name ("gateway endpoint for S3").
  return text.includes(',') || words >= 5 || (words === 4 && !isProperName(text, names) && !/\s[A-Z]/.test(text))
}

/** An answer's name as the subject of a sentence, with its verb, for example "Amazon S3 is", "Interface VPC endpoints are". */
export function subjectIs(name: string, names: ReadonlySet<string> = new Set()): string {
  return isPhraseAnswer(name, names) ? `${quote(name)} is` : `${upperFirstName(phrase(name), names)} ${be(name, names)}`
}

/** An answer's name at the start of a sentence or list, quoted when it is a phrase. */
export function subjectName(name: string, names: ReadonlySet<string> = new Set()): string {
  return isPhraseAnswer(name, names) ? quote(name) : upperFirstName(phrase(name), names)
}

/** An answer's name mid-sentence (after a verb or "not"). */
export function nameRef(name: string, names: ReadonlySet<string>): string {
  return isPhraseAnswer(name, names) ? quote(name) : lowerFirst(phrase(name), names)
}

/** Size of the intersection of two sorted arrays of distinct numbers (word ids). */
export function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0
  let j = 0
  let count = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) (count++, i++, j++)
    else if (x < y) i++
    else j++
  }
  return count
}
