/**
 * Helpers shared by every format: how bank text becomes HTML, how case
 * studies flatten into questions, identifiers, titles and Moodle fractions.
 *
 * Bank text is plain text. Markdown punctuation in it is kept literally
 * (shown as typed), never interpreted, so no format changes its meaning.
 */
import { hashHex } from '../bank/hash.js'
import type { CaseStudyItem, Item, MatchingItem, MultipleItem, Option, OrderingItem, SingleItem } from '../bank/schema.js'
import { el, serialize, type XmlElement, type XmlNode } from './xml.js'

/** A question as the LMS sees it: every item type except the case-study wrapper. */
export type Question = SingleItem | MultipleItem | MatchingItem | OrderingItem

/** One question with the context it is exported in. */
export interface Entry {
  readonly question: Question
  /** The domain the question is filed under (a case study's own domain for its questions). */
  readonly domain: string
  /** The case study the question belongs to, if any. */
  readonly caseStudy: CaseStudyItem | undefined
}

/** Flatten case studies into their questions, keeping bank order. */
export function entries(items: readonly Item[]): Entry[] {
  const result: Entry[] = []
  for (const item of items) {
    if (item.type === 'case-study') {
      for (const question of item.questions) result.push({ question, domain: item.domain, caseStudy: item })
    } else {
      result.push({ question: item, domain: item.domain, caseStudy: undefined })
    }
  }
  return result
}

/** Items grouped by domain, domains in numeric order, items in bank order. */
export function byDomain<T extends { readonly domain: string }>(values: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>()
  for (const value of values) {
    const group = groups.get(value.domain)
    if (group) group.push(value)
    else groups.set(value.domain, [value])
  }
  return [...groups].sort(([a], [b]) => Number(a) - Number(b))
}

/** Text as inline nodes: line breaks become `<br/>`. */
export function inline(text: string): XmlNode[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  return lines.flatMap((line, index) => (index === 0 ? [line] : [el('br'), line])).filter((node) => node !== '')
}

/** Text as block nodes: blank lines separate paragraphs, each a `<p>`. */
export function blocks(text: string): XmlElement[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => el('p', {}, inline(paragraph)))
}

/** Serialize nodes as an HTML fragment (XHTML syntax, valid HTML). */
export function html(nodes: readonly XmlNode[]): string {
  return nodes.map((node) => serialize(node)).join('')
}

/** The question text as blocks, introduced by the scenario for case-study questions. */
export function stemBlocks(entry: Entry): XmlElement[] {
  const stem = blocks(entry.question.stem)
  if (!entry.caseStudy) return stem
  return [el('div', { class: 'scenario' }, blocks(entry.caseStudy.scenario)), ...stem]
}

/** A bank id as an XML identifier (NCName): ids starting with a digit get a leading `_`; `:` and `.` become `_`. */
export function xmlId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '_')
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`
}

/** A one-line title: the text's first line, cut at a word boundary. */
export function shortTitle(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length <= max) return line
  const cut = line.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The option with the given id (the bank schema guarantees it exists). */
export function optionById(options: readonly Option[], id: string): Option {
  const option = options.find((candidate) => candidate.id === id)
  if (!option) throw new Error(`Unexpected answer \`${id}\`, expected one of the item's option ids`)
  return option
}

/** The text of a matching prompt (the bank schema guarantees it exists). */
export function promptText(question: MatchingItem, id: string): string {
  const prompt = question.prompts.find((candidate) => candidate.id === id)
  if (!prompt) throw new Error(`Unexpected prompt \`${id}\`, expected one of the item's prompt ids`)
  return prompt.text
}

/** Moodle category of an entry: bank, domain and (for case studies) the case. Used by GIFT and Moodle XML. */
export function categoryPath(bank: string, entry: Entry): string {
  const domain = `$course$/${bank}/Domain ${entry.domain}`
  return entry.caseStudy ? `${domain}/${entry.caseStudy.id}` : domain
}

/** The correct answer in words, for "incorrect" feedback and flashcards. */
export function answerLines(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.answer.map((id) => optionById(question.options, id).text)
    case 'ordering':
      return question.answer.map((id, index) => `${index + 1}. ${optionById(question.options, id).text}`)
    case 'matching':
      return question.answer.map((pair) => `${promptText(question, pair.prompt)} → ${optionById(question.choices, pair.choice).text}`)
  }
}

/** Moodle's accepted grade fractions, in percent. */
export const moodleFractions = [
  100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0,
] as const

/** The Moodle fraction (as written in files) closest to `100 / parts`; throws when none is within 0.001. */
export function moodleFraction(parts: number): string {
  const exact = 100 / parts
  const found = moodleFractions.find((value) => Math.abs(value - exact) < 0.001)
  if (found === undefined) throw new Error(`Unexpected ${parts} correct answers, expected a count Moodle can weight (1–10 or 20)`)
  return String(found)
}

/** Weights of a multiple-response question: each right option 100/n, each wrong one −100/n. */
export function multipleWeights(question: MultipleItem): Map<string, string> {
  const weight = moodleFraction(question.answer.length)
  return new Map(question.options.map((option) => [option.id, question.answer.includes(option.id) ? weight : `-${weight}`]))
}

/** Every option's feedback as a list: `text: feedback`. */
export function optionFeedbackList(question: Question): XmlElement {
  const options = question.type === 'matching' ? question.choices : question.options
  return el('ul', {}, options.map((option) => el('li', {}, inline(`${option.text}: ${option.feedback}`))))
}

/**
 * Question-level feedback: the explanation, plus the options' feedback for
 * ordering and matching (formats with per-option feedback carry it there),
 * and links to the documentation the item rests on.
 */
export function generalFeedback(question: Question): XmlElement[] {
  const explanation = blocks(question.explanation.correct)
  const options = question.type === 'ordering' || question.type === 'matching' ? [optionFeedbackList(question)] : []
  return [...explanation, ...options, ...references(question)]
}

/** The documentation the item rests on, as links, when its content cites any. */
function references(question: Question): XmlElement[] {
  const urls = question.explanation.references ?? []
  if (urls.length === 0) return []
  return [el('p', {}, 'Documentation:', urls.flatMap((url) => [el('br'), el('a', { href: url }, url)]))]
}

/** "Correct." / "Incorrect. The correct answer: …" in one paragraph. */
export function verdict(kind: 'correct' | 'partially correct' | 'incorrect', question: Question): XmlElement {
  if (kind === 'correct') return el('p', {}, 'Correct.')
  const label = kind === 'incorrect' ? 'Incorrect.' : 'Partially correct.'
  return el('p', {}, `${label} The correct answer:`, answerLines(question).flatMap((line) => [el('br'), line]))
}

/** Moodle keeps at most this many characters of a tag (`TAG_MAX_LENGTH`). */
export const moodleTagMax = 50

/**
 * A tag as GIFT and Moodle XML write it: unchanged up to 50 characters;
 * longer, its kind (`topic:`), the end of its slug and `~` plus 8 hex digits
 * of `hashHex(tag)` (src/bank/hash.ts), so distinct tags stay distinct in
 * Moodle and each name leads back to its tag (QTI and Anki keep tags whole).
 */
export function moodleTag(tag: string): string {
  if (tag.length <= moodleTagMax) return tag
  const colon = tag.indexOf(':')
  const kind = colon > 0 && colon < 20 ? tag.slice(0, colon + 1) : ''
  const rest = tag.slice(kind.length)
  const tail = rest.slice(rest.lastIndexOf('/') + 1)
  const suffix = `~${hashHex(tag, 8)}`
  const room = moodleTagMax - kind.length - suffix.length
  return kind + tail.slice(0, room).replace(/[-_./:]+$/, '') + suffix
}
