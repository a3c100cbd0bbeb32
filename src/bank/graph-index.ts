/**
 * Lookups over the knowledge graph that the generator and the audit share.
 * The one idea here is the **need**: two rules from different tables that
 * describe the same need ("Gradual rollout" / "gradual rollout") must agree on
 * what is accepted, so a distractor is checked against every rule of the need,
 * not only against the rule the stem came from.
 */
import type { Answer, Graph, Rule, Sequence, Table, Trap } from '../graph/schema.js'
import { pluralNoun } from '../graph/nouns.js'
import { CatalogNames, contentWords, jaccard, lowerFirst, normalize, phrase, sharedCount } from './text.js'

/**
 * Cue overlap from which two rules count as the same need. Deliberately low:
 * treating two needs as one only removes distractor candidates, it never
 * makes an item wrong.
 */
export const needOverlap = 0.34

export interface GraphIndex {
  readonly graph: Graph
  /** Every answer, including ones synthesised for cells the parser kept as text. */
  readonly answers: ReadonlyMap<string, Answer>
  readonly tables: ReadonlyMap<string, Table>
  readonly rules: ReadonlyMap<string, Rule>
  /** Catalog names and aliases as they must appear mid-sentence (proper names capitalised, common nouns not). */
  readonly names: ReadonlySet<string>
  answer(id: string): Answer
  /** Identity of an answer: split-none cells equal to a catalog name are that entry. */
  canon(id: string): string
  /** Canonical id for an option text (name or alias), if any. */
  resolve(text: string): string | undefined
  rulesOf(tableId: string): readonly Rule[]
  /** Rules whose cue reads the same as `text` (normalised), in graph order. */
  rulesWithCue(text: string): readonly Rule[]
  /** The first trap / sequence with this id. */
  trap(id: string): Trap | undefined
  sequence(id: string): Sequence | undefined
  /** Rules (any table) that describe the same need as `rule`, itself included. */
  peers(rule: Rule): readonly Rule[]
  /**
   * Canonical ids accepted for the need of `rule`, across tables, with their
   * broader and narrower relatives (catalog `Broader`): a gateway endpoint is
   * a VPC endpoint, so neither is a distractor where the other is right.
   */
  accepted(rule: Rule): ReadonlySet<string>
  /** An answer with the answers it is a kind of and those that are kinds of it (transitively), itself included. */
  relatives(id: string): ReadonlySet<string>
  /** Canonical ids a rule's own cell accepts. */
  own(rule: Rule): readonly string[]
  /** Rules whose own cell accepts a canonical id, in source order. */
  rulesAccepting(id: string): readonly Rule[]
  /** Traps that document a wrong choice for this rule's need. */
  trapsFor(rule: Rule): readonly Trap[]
  /**
   * The wrong choices those traps document, each with the first trap (graph
   * order) naming it: what `trapsFor` yields, without listing every trap.
   */
  typicalFor(rule: Rule): ReadonlyMap<string, Trap>
  /**
   * The first rules (at most two, source order) whose own cell accepts a
   * canonical id, among those of one table, of one domain, or of any.
   */
  firstAccepting(id: string, where: { table: string } | { domain: string } | 'any'): readonly Rule[]
  /** Union of `accepted` over the rules whose own cell accepts `id` and whose cue has `word`. */
  acceptedByAnswerWord(id: string, word: string): ReadonlySet<string>
  cueWords(rule: Rule): ReadonlySet<string>
  /** Canonical answers (one per identity) of a kind, in catalog order. */
  answersOfKind(kind: string): readonly Answer[]
  /** Domains of the rules whose own cell accepts a canonical id. */
  domainsAccepting(id: string): ReadonlySet<string>
  /** Rules whose cue has this (stemmed content) word, in graph order. */
  rulesWithCueWord(word: string): readonly Rule[]
  /** Rules of one domain and cue kind, in graph order. */
  rulesOfGroup(domain: string, cueKind: string): readonly Rule[]
  /** Traps of a trap table, and traps of a domain, in graph order. */
  trapsOfTable(tableId: string): readonly Trap[]
  trapsOfDomain(domain: string): readonly Trap[]
  /** Traps whose mistake has this (stemmed content) word, in graph order. */
  trapsWithMistakeWord(word: string): readonly Trap[]
  /** The cue as a phrase that reads well inside a sentence. */
  cuePhrase(rule: Rule): string
  /** An answer kind as a noun in a sentence: the bank's `kinds` table, else the kind with spaces. */
  kindNoun(kind: string): string
  kindPlural(kind: string): string
}

export function indexGraph(graph: Graph): GraphIndex {
  const tables = new Map(graph.tables.map((table) => [table.id, table]))
  const rules = new Map(graph.rules.map((rule) => [rule.id, rule]))
  const answers = new Map<string, Answer>()
  for (const answer of graph.answers) answers.set(answer.id, answer)
  // A parser may keep split-none cells only as ids: give them a node so they
  // have a name, a kind and a category like any catalog answer.
  for (const rule of graph.rules) {
    for (const id of rule.answerIds) {
      if (answers.has(id)) continue
      const table = tables.get(rule.table)
      answers.set(id, {
        id,
        name: rule.answerIds.length === 1 ? phrase(rule.answer) : id,
        aliases: [],
        category: rule.table,
        kind: table?.answerKind ?? 'answer',
        inScope: true,
        source: rule.source,
      })
    }
  }

  const tableIds = new Set(tables.keys())
  // Catalog entries claim names first, so a cell written like a catalog name resolves to it.
  const ordered = [...answers.values()].sort(
    (a, b) => Number(tableIds.has(a.category)) - Number(tableIds.has(b.category)),
  )
  const byName = new Map<string, string>()
  for (const answer of ordered) {
    for (const name of [answer.name, ...answer.aliases]) {
      const key = normalize(name)
      if (key && !byName.has(key)) byName.set(key, answer.id)
    }
  }
  const canonCache = new Map<string, string>()
  const canon = (id: string): string => {
    let value = canonCache.get(id)
    if (value === undefined) {
      const answer = answers.get(id)
      value = answer ? (byName.get(normalize(answer.name)) ?? id) : id
      canonCache.set(id, value)
    }
    return value
  }

  // Table ids with and without the bank prefix: the category of an answer made from a cell.
  const localTableIds = new Set([...tableIds, ...[...tableIds].map((id) => id.slice(id.indexOf(':') + 1))])
  const names = catalogNames([...answers.values()], localTableIds)

  const cueWordCache = new Map<string, ReadonlySet<string>>()
  const cueWords = (rule: Rule): ReadonlySet<string> => {
    let words = cueWordCache.get(rule.id)
    if (!words) {
      words = contentWords(rule.cue)
      cueWordCache.set(rule.id, words)
    }
    return words
  }

  const own = new Map<string, string[]>()
  for (const rule of graph.rules) {
    const rejected = new Set(rule.rejectedIds.map(canon))
    own.set(rule.id, unique(rule.answerIds.map(canon)).filter((id) => !rejected.has(id)))
  }

  const peers = samePeers(graph.rules, cueWords)
  const relatives = relativesOf(answers, canon)

  // Peers often accept the very same ids (synthetic copies of a need, a need restated in several tables): each
  // distinct own list (by content) is added once per rule. Same sets, same insertion order.
  const ownClass = new Map<string, number>()
  const classOf = new Map<string, number>()
  for (const [id, ids] of own) {
    const key = ids.join('\u0000')
    let value = ownClass.get(key)
    if (value === undefined) ownClass.set(key, (value = ownClass.size))
    classOf.set(id, value)
  }
  const seenClass = new Int32Array(ownClass.size)
  let mark = 0
  const accepted = new Map<string, Set<string>>()
  for (const rule of graph.rules) {
    const set = new Set<string>()
    mark++
    for (const peer of peers.get(rule.id) ?? []) {
      const cls = classOf.get(peer.id)
      if (cls !== undefined) {
        if (seenClass[cls] === mark) continue
        seenClass[cls] = mark
      }
      for (const id of own.get(peer.id) ?? []) {
        set.add(id)
        for (const relative of relatives.get(id) ?? []) set.add(relative)
      }
    }
    accepted.set(rule.id, set)
  }

  const accepting = new Map<string, Rule[]>()
  for (const rule of graph.rules) {
    for (const id of own.get(rule.id) ?? []) {
      const list = accepting.get(id) ?? []
      list.push(rule)
      accepting.set(id, list)
    }
  }

  // Traps by the rules they name and by the canonical right answers of those naming a wrong one:
  // the candidates of `trapsFor`, which keeps graph order.
  const trapsByRule = new Map<string, number[]>()
  const trapsByRight = new Map<string, number[]>()
  graph.traps.forEach((trap, position) => {
    for (const id of trap.ruleIds) push(trapsByRule, id, position)
    if (trap.wrongIds.length > 0) for (const id of trap.rightIds) push(trapsByRight, canon(id), position)
  })
  // For each right answer, each wrong choice documented against it, with its first trap's position.
  const firstWrongByRight = new Map<string, Map<string, number>>()
  graph.traps.forEach((trap, position) => {
    if (trap.wrongIds.length === 0) return
    for (const right of new Set(trap.rightIds.map(canon))) {
      let wrongs = firstWrongByRight.get(right)
      if (wrongs === undefined) firstWrongByRight.set(right, (wrongs = new Map()))
      for (const id of trap.wrongIds) {
        const wrong = canon(id)
        if (!wrongs.has(wrong)) wrongs.set(wrong, position)
      }
    }
  })
  const typicalCache = new Map<string, Map<string, Trap>>()
  const typicalFor = (rule: Rule): Map<string, Trap> => {
    const cached = typicalCache.get(rule.id)
    if (cached !== undefined) return cached
    const first = new Map<string, number>()
    const keep = (wrong: string, position: number) => {
      const known = first.get(wrong)
      if (known === undefined || position < known) first.set(wrong, position)
    }
    for (const position of trapsByRule.get(rule.id) ?? []) for (const id of graph.traps[position]!.wrongIds) keep(canon(id), position)
    for (const right of accepted.get(rule.id) ?? []) for (const [wrong, position] of firstWrongByRight.get(right) ?? []) keep(wrong, position)
    // In the order the traps come, as a walk over `trapsFor` would meet them.
    const found = new Map(
      [...first].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([wrong, position]) => [wrong, graph.traps[position]!]),
    )
    typicalCache.set(rule.id, found)
    return found
  }
  const trapsForCache = new Map<string, Trap[]>()
  const trapsFor = (rule: Rule): Trap[] => {
    const cached = trapsForCache.get(rule.id)
    if (cached !== undefined) return cached
    const need = accepted.get(rule.id) ?? new Set()
    const candidates = new Set(trapsByRule.get(rule.id) ?? [])
    for (const id of need) for (const position of trapsByRight.get(id) ?? []) candidates.add(position)
    const found = [...candidates]
      .sort((a, b) => a - b)
      .map((position) => graph.traps[position]!)
      .filter(
        (trap) =>
          trap.ruleIds.includes(rule.id) ||
          (trap.wrongIds.length > 0 && trap.rightIds.some((id) => need.has(canon(id)))),
      )
    trapsForCache.set(rule.id, found)
    return found
  }

  const byTable = new Map<string, Rule[]>()
  const byCue = new Map<string, Rule[]>()
  for (const rule of graph.rules) {
    push(byTable, rule.table, rule)
    push(byCue, normalize(rule.cue), rule)
  }
  const byCueWord = new Map<string, Rule[]>()
  const byGroup = new Map<string, Rule[]>()
  for (const rule of graph.rules) {
    for (const word of cueWords(rule)) push(byCueWord, word, rule)
    push(byGroup, groupKey(rule.domain, rule.cueKind), rule)
  }
  const byMistakeWord = new Map<string, Trap[]>()
  const trapsByTable = new Map<string, Trap[]>()
  const trapsByDomain = new Map<string, Trap[]>()
  for (const trap of graph.traps) {
    for (const word of contentWords(trap.mistake)) push(byMistakeWord, word, trap)
    if (trap.table !== undefined) push(trapsByTable, trap.table, trap)
    push(trapsByDomain, trap.domain, trap)
  }

  // The catalog by kind: canonical answers once each, in the order of `answers`.
  const byKind = new Map<string, Answer[]>()
  for (const entry of answers.values()) if (canon(entry.id) === entry.id) push(byKind, entry.kind, entry)
  const firstByTable = new Map<string, Rule[]>()
  const firstByDomain = new Map<string, Rule[]>()
  const firstAny = new Map<string, Rule[]>()
  const keepTwo = (map: Map<string, Rule[]>, key: string, rule: Rule) => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [rule])
    else if (list.length < 2) list.push(rule)
  }
  const byAnswerWord = new Map<string, Set<string>>()
  for (const [id, list] of accepting) {
    for (const rule of list) {
      keepTwo(firstByTable, `${id}\u0000${rule.table}`, rule)
      keepTwo(firstByDomain, `${id}\u0000${rule.domain}`, rule)
      keepTwo(firstAny, id, rule)
      for (const word of cueWords(rule)) {
        const key = `${id}\u0000${word}`
        let set = byAnswerWord.get(key)
        if (set === undefined) byAnswerWord.set(key, (set = new Set()))
        for (const other of accepted.get(rule.id) ?? []) set.add(other)
      }
    }
  }
  const domainsOf = new Map<string, Set<string>>()
  for (const [id, list] of accepting) domainsOf.set(id, new Set(list.map((rule) => rule.domain)))

  const traps = new Map<string, Trap>()
  for (const trap of graph.traps) if (!traps.has(trap.id)) traps.set(trap.id, trap)
  const sequences = new Map<string, Sequence>()
  for (const sequence of graph.sequences) if (!sequences.has(sequence.id)) sequences.set(sequence.id, sequence)

  const answer = (id: string): Answer => {
    const found = answers.get(id)
    if (!found) throw new Error(`Unknown answer ${id}`)
    return found
  }

  return {
    graph,
    answers,
    tables,
    rules,
    names,
    answer,
    canon,
    resolve: (text) => byName.get(normalize(text)),
    rulesOf: (tableId) => byTable.get(tableId) ?? [],
    rulesWithCue: (text) => byCue.get(normalize(text)) ?? [],
    trap: (id) => traps.get(id),
    sequence: (id) => sequences.get(id),
    peers: (rule) => peers.get(rule.id) ?? [rule],
    accepted: (rule) => accepted.get(rule.id) ?? new Set(),
    relatives: (id) => relatives.get(canon(id)) ?? new Set([canon(id)]),
    own: (rule) => own.get(rule.id) ?? [],
    rulesAccepting: (id) => accepting.get(id) ?? [],
    trapsFor,
    typicalFor,
    firstAccepting: (id, where) =>
      (where === 'any'
        ? firstAny.get(id)
        : 'table' in where
          ? firstByTable.get(`${id}\u0000${where.table}`)
          : firstByDomain.get(`${id}\u0000${where.domain}`)) ?? [],
    acceptedByAnswerWord: (id, word) => byAnswerWord.get(`${id}\u0000${word}`) ?? empty,
    cueWords,
    answersOfKind: (kind) => byKind.get(kind) ?? [],
    domainsAccepting: (id) => domainsOf.get(id) ?? empty,
    rulesWithCueWord: (word) => byCueWord.get(word) ?? [],
    rulesOfGroup: (domain, cueKind) => byGroup.get(groupKey(domain, cueKind)) ?? [],
    trapsOfTable: (tableId) => trapsByTable.get(tableId) ?? [],
    trapsOfDomain: (domain) => trapsByDomain.get(domain) ?? [],
    trapsWithMistakeWord: (word) => byMistakeWord.get(word) ?? [],
    cuePhrase: (rule) => cuePhrase(rule, names),
    kindNoun: (kind) => graph.bank.kinds?.[kind]?.noun ?? kind.replace(/-/g, ' '),
    kindPlural: (kind) => graph.bank.kinds?.[kind]?.plural ?? pluralNoun(kind.replace(/-/g, ' ')),
  }
}

const empty: ReadonlySet<string> = new Set()

/**
 * For each canonical answer with a `broader` link: itself, every answer it is
 * a kind of (up the links) and every answer that is a kind of it (down). Not
 * sideways: two kinds of VPC endpoint stay distinct answers.
 */
function relativesOf(answers: ReadonlyMap<string, Answer>, canon: (id: string) => string): Map<string, Set<string>> {
  const up = new Map<string, string[]>()
  const down = new Map<string, string[]>()
  for (const answer of answers.values()) {
    for (const id of answer.broader ?? []) {
      push(up, canon(answer.id), canon(id))
      push(down, canon(id), canon(answer.id))
    }
  }
  const walk = (start: string, links: ReadonlyMap<string, string[]>, into: Set<string>) => {
    const stack = [start]
    while (stack.length > 0) {
      for (const next of links.get(stack.pop()!) ?? []) {
        if (!into.has(next)) {
          into.add(next)
          stack.push(next)
        }
      }
    }
  }
  const out = new Map<string, Set<string>>()
  for (const id of new Set([...up.keys(), ...down.keys()])) {
    const set = new Set([id])
    walk(id, up, set)
    walk(id, down, set)
    out.set(id, set)
  }
  return out
}

const groupKey = (domain: string, cueKind: string) => `${domain}\u0000${cueKind}`

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/**
 * For each rule, the rules describing the same need (cue-word Jaccard at least
 * `needOverlap`, or the same id), in graph order. Rather than compare every
 * pair, candidates come from prefix filtering: with cue words ordered rarest
 * first, two sets whose Jaccard reaches t share a word among the first
 * |x| − ⌈t·|x|⌉ + 1 words of each (they share at least ⌈t·max(|x|, |y|)⌉
 * words). So only rules sharing a word of their prefixes are compared, and
 * common words ("data", "model") never make everything a candidate.
 */
function samePeers(rules: readonly Rule[], cueWords: (rule: Rule) => ReadonlySet<string>): Map<string, Rule[]> {
  const frequency = new Map<string, number>()
  for (const rule of rules) for (const word of cueWords(rule)) frequency.set(word, (frequency.get(word) ?? 0) + 1)
  // Words as ranks, rarest first: a rule's words become a sorted integer array whose head is its prefix,
  // and two rules' shared words are counted by merging their arrays.
  const ranked = [...frequency.keys()].sort(
    (a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0),
  )
  const rank = new Map(ranked.map((word, i) => [word, i]))
  const words = rules.map((rule) => Int32Array.from(cueWords(rule), (word) => rank.get(word)!).sort())
  const byPrefixWord: number[][] = ranked.map(() => [])
  const prefixLength = words.map((set) => {
    // Rounding can only make the prefix longer (more candidates), never shorter.
    const length = set.length - Math.ceil(needOverlap * set.length - 1e-9) + 1
    return Math.max(0, Math.min(set.length, length))
  })
  // With each posting, the word's place in that rule's sorted words (for the positional filter below).
  const placeInPrefix: number[][] = ranked.map(() => [])
  words.forEach((set, position) => {
    for (let k = 0; k < prefixLength[position]!; k++) {
      byPrefixWord[set[k]!]!.push(position)
      placeInPrefix[set[k]!]!.push(k)
    }
  })
  const byId = new Map<string, number[]>()
  rules.forEach((rule, position) => push(byId, rule.id, position))

  // Same value as jaccard() on the word sets.
  const similar = (a: Int32Array, b: Int32Array): boolean => {
    const common = sharedCount(a, b)
    const union = a.length + b.length - common
    return (union === 0 ? 0 : common / union) >= needOverlap
  }

  // The relation is symmetric, so each pair is tested once, from its earlier rule: a rule's list is the earlier
  // rules that found it (appended in graph order), itself, then the later rules it finds (sorted).
  const found: Rule[][] = rules.map(() => [])
  const stamp = new Int32Array(rules.length)
  const candidates: number[] = []
  rules.forEach((rule, position) => {
    candidates.length = 0
    const mark = position + 1
    const add = (other: number) => {
      if (other > position && stamp[other] !== mark) {
        stamp[other] = mark
        candidates.push(other)
      }
    }
    for (const other of byId.get(rule.id) ?? []) add(other)
    const own = words[position]!
    for (let k = 0; k < prefixLength[position]!; k++) {
      const postings = byPrefixWord[own[k]!]!
      // Postings are in graph order: skip to the rules after this one.
      let low = 0
      let high = postings.length
      while (low < high) {
        const middle = (low + high) >>> 1
        if (postings[middle]! <= position) low = middle + 1
        else high = middle
      }
      const places = placeInPrefix[own[k]!]!
      for (let q = low; q < postings.length; q++) {
        const other = postings[q]!
        if (other <= position || stamp[other] === mark) continue
        // Positional filter: the first word two sorted sets share is met first, at place k here and places[q]
        // there; every other shared word comes after it in both, so at most this many are shared. A pair that
        // cannot reach the overlap is settled here (stamped, never compared).
        const bound = 1 + Math.min(own.length - k - 1, words[other]!.length - places[q]! - 1)
        if (bound / (own.length + words[other]!.length - bound) < needOverlap - 1e-9) {
          stamp[other] = mark
          continue
        }
        add(other)
      }
    }
    candidates.sort((a, b) => a - b)
    const mine = found[position]!
    mine.push(rule)
    for (const other of candidates) {
      const candidate = rules[other]!
      if (candidate.id === rule.id || similar(own, words[other]!)) {
        mine.push(candidate)
        found[other]!.push(rule)
      }
    }
  })
  const peers = new Map<string, Rule[]>()
  rules.forEach((rule, position) => peers.set(rule.id, found[position]!))
  return peers
}

export function cuePhrase(rule: Rule, names: ReadonlySet<string>): string {
  const text = phrase(rule.cue)
  // Clues and symptoms are quoted: they read as something observed, whatever their grammar.
  if (rule.cueKind === 'clue' || rule.cueKind === 'symptom') return /^["“']/.test(text) ? text : `“${text}”`
  return lowerFirst(text, names)
}

/**
 * The catalog's spellings: every name and alias of a catalog answer, written
 * as it must appear mid-sentence. The canonical name decides: written with a
 * capital (for example "Amazon S3", "Terraform") it is a proper name and every alias stays
 * as written; written in lower case ("batch transform") it is a common noun and
 * its aliases are lowered too. Answers a rules table made from its own cells
 * (`split: none`) are not the catalog's: their casing follows the text.
 */
function catalogNames(answers: readonly Answer[], tableIds: ReadonlySet<string>): CatalogNames {
  const names = new CatalogNames()
  for (const answer of answers) {
    if (tableIds.has(answer.category)) continue
    if (answer.literal) {
      for (const name of [answer.name, ...answer.aliases]) (names.add(name), names.literal.add(name))
      continue
    }
    const common = /^[a-z]/.test(answer.name)
    for (const name of [answer.name, ...answer.aliases]) {
      const word = name.split(/\s/)[0] ?? ''
      names.add(common && !/[A-Z]/.test(word.slice(1)) && !/\d/.test(word) ? name.charAt(0).toLowerCase() + name.slice(1) : name)
    }
  }
  return names
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
