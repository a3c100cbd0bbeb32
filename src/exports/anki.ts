/**
 * Anki notes (`anki.tsv`): tab-separated text with file headers, one Basic
 * note per question — GUID (the bank id, so re-importing updates notes),
 * Front (scenario, stem and options), Back (answer, explanation, every
 * option's feedback) and tags. Fields are HTML without tabs or line breaks.
 */
import type { Bank } from '../bank/schema.js'
import {
  answerLines,
  blocks,
  type Entry,
  entries,
  html,
  inline,
  optionFeedbackList,
  type Question,
  stemBlocks,
} from './text.js'
import { el, type XmlElement } from './xml.js'

/** The options shown on the front, by type. */
function choicesBlock(question: Question): XmlElement[] {
  const list = (tag: 'ol' | 'ul', texts: readonly string[], attrs: Record<string, string> = {}) =>
    el(tag, attrs, texts.map((value) => el('li', {}, inline(value))))
  switch (question.type) {
    case 'single':
    case 'multiple':
      return [list('ol', question.options.map((option) => option.text), { type: 'A' })]
    case 'ordering':
      return [el('p', {}, 'Put in order:'), list('ul', question.options.map((option) => option.text))]
    case 'matching':
      return [
        el('p', {}, 'Match each of:'),
        list('ol', question.prompts.map((prompt) => prompt.text)),
        el('p', {}, 'with one of:'),
        list('ul', question.choices.map((choice) => choice.text)),
      ]
  }
}

/**
 * A field: HTML on one line, tabs as references. Fields start with `<`, so a
 * `"` inside is literal for Anki's CSV reader (quotes only open a field).
 */
const field = (nodes: readonly XmlElement[]): string => html(nodes).replace(/\t/g, '&#9;')

/** Anki tags cannot contain spaces. */
const tag = (value: string): string => value.trim().replace(/\s+/g, '_')

function note(entry: Entry): string {
  const { question } = entry
  const front = [...stemBlocks(entry), ...choicesBlock(question)]
  const answer = answerLines(question).flatMap((line, index) => (index === 0 ? [line] : [el('br'), line]))
  const back = [el('p', {}, el('strong', {}, 'Answer:'), el('br'), answer), ...blocks(question.explanation.correct), optionFeedbackList(question)]
  return [question.id, field(front), field(back), question.tags.map(tag).join(' ')].join('\t')
}

/** The whole TSV file, deck named after the title. */
export function anki(bank: Bank, title: string): string {
  const deck = title.replace(/[\t\r\n]+/g, ' ')
  const header = [
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    `#deck:${deck}`,
    '#columns:GUID\tFront\tBack\tTags',
    '#guid column:1',
    '#tags column:4',
  ]
  return `${[...header, ...entries(bank.items).map(note)].join('\n')}\n`
}
