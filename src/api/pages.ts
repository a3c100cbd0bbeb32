/**
 * Pages of questions and drills assembled from parts made once per bank:
 * each item's JSON with and without answers, one bit mask per filter value,
 * the position of every item and question id. A request only combines masks,
 * shuffles positions and joins the JSON strings of the items it returns, so a
 * first-seen request (a new seed, a new filter) costs little more than a
 * repeated one. The bytes are those `JSON.stringify` gives for the same page.
 */
import type { Item } from '../bank/schema.js'
import type { BankIndex } from './bank-index.js'
import { generator } from './random.js'
import { encodeCursor, type Filters } from './select.js'
import { toView } from './views.js'

type Kind = 'domain' | 'task' | 'topic' | 'type' | 'difficulty' | 'tag' | 'rule'

export interface Fragments {
  /** Items in the stable order (by id). */
  count: number
  /** Each item's JSON as served: [hidden, revealed]. */
  json: readonly [readonly string[], readonly string[]]
  /** The same as UTF-8, made on first use: a page is then a copy of bytes, not an encoding. */
  bytes: [Uint8Array[] | undefined, Uint8Array[] | undefined]
  /** Position of an item id, or of a case-study question's id (its case study). */
  position: Map<string, number>
  /** Per filter and value: 1 where an item matches (GET …/questions semantics). */
  masks: Record<Kind, Map<string, Uint8Array>>
  /** A drill's rule target also hits a case study through its questions' rules. */
  deepRules: Map<string, Uint8Array>
}

const made = new WeakMap<BankIndex, Fragments>()

function add(masks: Map<string, Uint8Array>, value: string, position: number, count: number) {
  let mask = masks.get(value)
  if (!mask) masks.set(value, (mask = new Uint8Array(count)))
  mask[position] = 1
}

/** The parts of a bank's pages, made on first use and kept as long as the bank index. */
export function fragmentsOf(index: BankIndex): Fragments {
  const found = made.get(index)
  if (found) return found
  const count = index.items.length
  const hidden: string[] = []
  const revealed: string[] = []
  const position = new Map<string, number>()
  const masks: Record<Kind, Map<string, Uint8Array>> = {
    domain: new Map(),
    task: new Map(),
    topic: new Map(),
    type: new Map(),
    difficulty: new Map(),
    tag: new Map(),
    rule: new Map(),
  }
  const deepRules = new Map<string, Uint8Array>()
  index.items.forEach((item: Item, at) => {
    hidden.push(JSON.stringify(toView(item, false)))
    revealed.push(JSON.stringify(toView(item, true)))
    position.set(item.id, at)
    add(masks.domain, item.domain, at, count)
    add(masks.task, item.task, at, count)
    add(masks.topic, item.topic, at, count)
    add(masks.type, item.type, at, count)
    add(masks.difficulty, item.difficulty, at, count)
    for (const tag of item.tags) add(masks.tag, tag, at, count)
    for (const rule of item.ruleIds) {
      add(masks.rule, rule, at, count)
      add(deepRules, rule, at, count)
    }
    if (item.type === 'case-study') {
      for (const question of item.questions) {
        if (!position.has(question.id)) position.set(question.id, at)
        for (const rule of question.ruleIds) add(deepRules, rule, at, count)
      }
    }
  })
  const fragments: Fragments = { count, json: [hidden, revealed], bytes: [undefined, undefined], position, masks, deepRules }
  made.set(index, fragments)
  return fragments
}

const kinds: readonly Kind[] = ['domain', 'task', 'topic', 'type', 'difficulty', 'tag', 'rule']

/** 1 where an item matches any value of the filter; undefined when the filter is not set. */
function anyOf(masks: Map<string, Uint8Array>, values: readonly string[] | undefined, count: number): Uint8Array | undefined {
  if (values === undefined || values.length === 0) return undefined
  if (values.length === 1) return masks.get(values[0]!) ?? new Uint8Array(count)
  const out = new Uint8Array(count)
  for (const value of values) {
    const mask = masks.get(value)
    if (mask) for (let i = 0; i < count; i++) out[i]! |= mask[i]!
  }
  return out
}

/** Positions in the stable order, or shuffled by the seed exactly as `shuffle(index.items, generator(seed))`. */
function order(count: number, seed: number | undefined): Int32Array {
  const out = new Int32Array(count)
  for (let i = 0; i < count; i++) out[i] = i
  if (seed === undefined) return out
  const random = generator(seed)
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = out[i]!
    out[i] = out[j]!
    out[j] = swap
  }
  return out
}

function excludedOf(fragments: Fragments, ids: readonly string[] | undefined): Uint8Array | undefined {
  if (ids === undefined || ids.length === 0) return undefined
  const out = new Uint8Array(fragments.count)
  for (const id of ids) {
    const at = fragments.position.get(id)
    if (at !== undefined) out[at] = 1
  }
  return out
}

export interface PageRequest extends Filters {
  exclude?: readonly string[] | undefined
  limit: number
  order: 'stable' | 'random'
  /** The seed (random order only). */
  seed: number | undefined
  /** Position to continue from (a cursor's). */
  start: number
  reveal: boolean
}

/** What a page holds: the positions of its items, and the JSON after them. */
interface Parts {
  fragments: Fragments
  picked: number[]
  reveal: boolean
  /** The JSON after the items' array: `],"nextCursor":…}`. */
  tail: string
}

function pageParts(index: BankIndex, request: PageRequest): Parts {
  const fragments = fragmentsOf(index)
  const { count } = fragments
  const allowed = new Uint8Array(count).fill(1)
  for (const kind of kinds) {
    const mask = anyOf(fragments.masks[kind], request[kind], count)
    if (mask) for (let i = 0; i < count; i++) allowed[i]! &= mask[i]!
  }
  const excluded = excludedOf(fragments, request.exclude)
  if (excluded) for (let i = 0; i < count; i++) if (excluded[i]) allowed[i] = 0
  const positions = order(count, request.seed)
  const picked: number[] = []
  let total = 0
  let next = -1
  for (let p = 0; p < count; p++) {
    const at = positions[p]!
    if (!allowed[at]) continue
    total++
    if (p < request.start) continue
    if (picked.length < request.limit) picked.push(at)
    else if (next < 0) next = p
  }
  const seed = request.seed
  const cursor =
    next < 0 ? 'null' : JSON.stringify(encodeCursor(index.version, { order: request.order, ...(seed !== undefined ? { seed } : {}), position: next }))
  return { fragments, picked, reveal: request.reveal, tail: `],"nextCursor":${cursor},"total":${total}${seed !== undefined ? `,"seed":${seed}` : ''}}` }
}

const encoder = new TextEncoder()
const head = encoder.encode('{"items":[')
const comma = 44

function joinText(parts: Parts): string {
  const json = parts.fragments.json[parts.reveal ? 1 : 0]
  let items = ''
  for (const at of parts.picked) items += items === '' ? json[at]! : ',' + json[at]!
  return '{"items":[' + items + parts.tail
}

function joinBytes(parts: Parts): Uint8Array {
  const side = parts.reveal ? 1 : 0
  const bytes = (parts.fragments.bytes[side] ??= parts.fragments.json[side].map((text) => encoder.encode(text)))
  const tail = encoder.encode(parts.tail)
  let size = head.byteLength + tail.byteLength + Math.max(0, parts.picked.length - 1)
  for (const at of parts.picked) size += bytes[at]!.byteLength
  const out = new Uint8Array(size)
  out.set(head, 0)
  let offset = head.byteLength
  parts.picked.forEach((at, n) => {
    if (n > 0) out[offset++] = comma
    out.set(bytes[at]!, offset)
    offset += bytes[at]!.byteLength
  })
  out.set(tail, offset)
  return out
}

/** A page of GET …/questions (and POST …/questions/search) as JSON text. */
export function pageJson(index: BankIndex, request: PageRequest): string {
  return joinText(pageParts(index, request))
}

/** The same page as UTF-8 bytes, copied from the items' encoded JSON. */
export function pageBytes(index: BankIndex, request: PageRequest): Uint8Array {
  return joinBytes(pageParts(index, request))
}

export interface DrillRequest {
  tag?: readonly string[] | undefined
  rule?: readonly string[] | undefined
  domain?: readonly string[] | undefined
  task?: readonly string[] | undefined
  topic?: readonly string[] | undefined
  exclude?: readonly string[] | undefined
  limit: number
  seed: number
  reveal: boolean
}

function drillParts(index: BankIndex, request: DrillRequest): Parts {
  const fragments = fragmentsOf(index)
  const { count, masks } = fragments
  const score = new Uint8Array(count)
  const targets: Array<Uint8Array | undefined> = [
    anyOf(masks.tag, request.tag, count),
    anyOf(fragments.deepRules, request.rule, count),
    anyOf(masks.domain, request.domain, count),
    anyOf(masks.task, request.task, count),
    anyOf(masks.topic, request.topic, count),
  ]
  let most = 0
  for (const mask of targets) if (mask) (most++, mask.forEach((hit, i) => (score[i]! += hit)))
  const excluded = excludedOf(fragments, request.exclude)
  if (excluded) for (let i = 0; i < count; i++) if (excluded[i]) score[i] = 0
  const positions = order(count, request.seed)
  let remaining = 0
  for (let i = 0; i < count; i++) if (score[i]! > 0) remaining++
  const picked: number[] = []
  for (let level = most; level > 0 && picked.length < request.limit; level--) {
    for (let p = 0; p < count && picked.length < request.limit; p++) {
      const at = positions[p]!
      if (score[at] === level) picked.push(at)
    }
  }
  return { fragments, picked, reveal: request.reveal, tail: `],"remaining":${remaining},"seed":${request.seed}}` }
}

/**
 * A drill as JSON text: the items hit by more targets first, then the seeded
 * order (a stable sort of the shuffled items by score, as before).
 */
export function drillJson(index: BankIndex, request: DrillRequest): string {
  return joinText(drillParts(index, request))
}

/** The same drill as UTF-8 bytes. */
export function drillBytes(index: BankIndex, request: DrillRequest): Uint8Array {
  return joinBytes(drillParts(index, request))
}
