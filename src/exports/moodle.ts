/**
 * Moodle XML (`moodle.xml`): every type — `multichoice` (single and
 * multiple), `matching`, `ordering` (core `qtype_ordering`) — with per-answer
 * and combined feedback, the bank id in `<name>` and `<idnumber>`, tags, and
 * one category per domain (and per case study).
 */
import type { Bank } from '../bank/schema.js'
import {
  byDomain,
  categoryPath,
  type Entry,
  entries,
  generalFeedback,
  html,
  inline,
  moodleTag,
  multipleWeights,
  optionById,
  promptText,
  type Question,
  stemBlocks,
  verdict,
} from './text.js'
import { el, type XmlElement, type XmlNode, xmlDocument } from './xml.js'

const text = (value: string): XmlElement => el('text', {}, value)
const htmlField = (name: string, nodes: readonly XmlNode[], attrs: Record<string, string> = {}): XmlElement =>
  el(name, { ...attrs, format: 'html' }, text(html(nodes)))

function category(path: string): XmlElement {
  return el('question', { type: 'category' }, el('category', {}, text(path)), htmlField('info', []))
}

function combinedFeedback(question: Question): XmlElement[] {
  return [
    htmlField('correctfeedback', [verdict('correct', question)]),
    htmlField('partiallycorrectfeedback', [verdict('partially correct', question)]),
    htmlField('incorrectfeedback', [verdict('incorrect', question)]),
    el('shownumcorrect'),
  ]
}

function body(question: Question): XmlElement[] {
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const weights = question.type === 'multiple' ? multipleWeights(question) : undefined
      return [
        el('single', {}, question.type === 'single' ? 'true' : 'false'),
        el('shuffleanswers', {}, 'false'),
        el('answernumbering', {}, 'abc'),
        el('showstandardinstruction', {}, '0'),
        ...combinedFeedback(question),
        ...question.options.map((option) =>
          el(
            'answer',
            { fraction: weights?.get(option.id) ?? (question.answer.includes(option.id) ? '100' : '0'), format: 'html' },
            text(html(inline(option.text))),
            htmlField('feedback', inline(option.feedback)),
          ),
        ),
      ]
    }
    case 'matching': {
      const used = new Set(question.answer.map((pair) => pair.choice))
      return [
        el('shuffleanswers', {}, 'false'),
        ...combinedFeedback(question),
        ...question.answer.map((pair) =>
          el(
            'subquestion',
            { format: 'html' },
            text(html(inline(promptText(question, pair.prompt)))),
            el('answer', {}, text(optionById(question.choices, pair.choice).text)),
          ),
        ),
        ...question.choices
          .filter((choice) => !used.has(choice.id))
          .map((choice) => el('subquestion', { format: 'html' }, text(''), el('answer', {}, text(choice.text)))),
      ]
    }
    case 'ordering':
      return [
        el('layouttype', {}, 'VERTICAL'),
        el('selecttype', {}, 'ALL'),
        el('selectcount', {}, String(question.options.length)),
        el('gradingtype', {}, 'ABSOLUTE_POSITION'),
        el('showgrading', {}, 'SHOW'),
        el('numberingstyle', {}, 'none'),
        ...combinedFeedback(question),
        ...question.answer.map((id, index) =>
          el('answer', { fraction: index + 1, format: 'html' }, text(html(inline(optionById(question.options, id).text)))),
        ),
      ]
  }
}

const qtype = { single: 'multichoice', multiple: 'multichoice', matching: 'matching', ordering: 'ordering' } as const

function question(entry: Entry): XmlElement {
  const { question } = entry
  return el(
    'question',
    { type: qtype[question.type] },
    el('name', {}, text(question.id)),
    htmlField('questiontext', stemBlocks(entry)),
    htmlField('generalfeedback', generalFeedback(question)),
    el('defaultgrade', {}, '1'),
    el('penalty', {}, '0.3333333'),
    el('hidden', {}, '0'),
    el('idnumber', {}, question.id),
    body(question),
    el('tags', {}, question.tags.map((tag) => el('tag', {}, text(moodleTag(tag))))),
  )
}

/** The whole Moodle XML file. */
export function moodle(bank: Bank): string {
  const children: XmlElement[] = []
  for (const [, group] of byDomain(entries(bank.items))) {
    let current = ''
    for (const entry of group) {
      const path = categoryPath(bank.bank, entry)
      if (path !== current) children.push(category(path))
      current = path
      children.push(question(entry))
    }
  }
  return xmlDocument(el('quiz', {}, children))
}
