/**
 * Moodle GIFT (`bank.gift`): single, multiple and matching questions.
 * Text is HTML (`[html]` on the stem; answers and feedback inherit it), with
 * every GIFT control character escaped. Ordering questions cannot be written
 * in GIFT that common parsers read: a comment at the top lists them and
 * points to `moodle.xml`. A question's title is its bank id.
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
} from './text.js'
import type { XmlNode } from './xml.js'

/** Escape GIFT's control characters `\ ~ = # { } :` and line breaks. */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (char) => `\\${char}`).replace(/\r\n?|\n/g, '\\n')
}

/**
 * HTML for a GIFT field. A leading `%` (read as a weight) or `[` (read as a
 * format) becomes a character reference.
 */
function giftHtml(nodes: readonly XmlNode[]): string {
  const text = html(nodes).replace(/^%/, '&#37;').replace(/^\[/, '&#91;')
  return escapeGift(text)
}

/** Tags and ids sit in `[...]`: drop what would end them early. */
const bracketSafe = (value: string): string => value.replace(/[\]\u0000-\u001F\u007F]/g, '')

function answers(question: Question): string[] {
  switch (question.type) {
    case 'single':
      return question.options.map(
        (option) =>
          `${question.answer.includes(option.id) ? '=' : '~'}${giftHtml(inline(option.text))}#${giftHtml(inline(option.feedback))}`,
      )
    case 'multiple': {
      const weights = multipleWeights(question)
      return question.options.map(
        (option) => `~%${weights.get(option.id)}%${giftHtml(inline(option.text))}#${giftHtml(inline(option.feedback))}`,
      )
    }
    case 'matching': {
      const pairs = question.answer.map(
        (pair) =>
          `=${giftHtml(inline(promptText(question, pair.prompt)))} -> ${escapeGift(optionById(question.choices, pair.choice).text)}`,
      )
      const used = new Set(question.answer.map((pair) => pair.choice))
      const distractors = question.choices.filter((choice) => !used.has(choice.id)).map((choice) => `= -> ${escapeGift(choice.text)}`)
      return [...pairs, ...distractors]
    }
    case 'ordering':
      throw new Error('Unexpected ordering question, expected GIFT-compatible types only')
  }
}

function question(entry: Entry): string {
  const { question } = entry
  const tags = question.tags.map((tag) => ` [tag:${bracketSafe(moodleTag(tag))}]`).join('')
  return [
    `// [id:${bracketSafe(question.id)}]${tags}`,
    `::${escapeGift(question.id)}::[html]${giftHtml(stemBlocks(entry))}{`,
    ...answers(question).map((answer) => `\t${answer}`),
    `\t####${giftHtml(generalFeedback(question))}`,
    '}',
  ].join('\n')
}

/** The whole GIFT file. */
export function gift(bank: Bank, title: string): string {
  const list = entries(bank.items)
  const ordering = list.filter((entry) => entry.question.type === 'ordering').map((entry) => entry.question.id)
  const header = [
    `// ${title.replace(/\s+/g, " ")}: quizgraph export of bank ${bank.bank} (version ${bank.version}), GIFT format for Moodle.`,
    ...(ordering.length === 0
      ? []
      : [
          `// ${ordering.length} ordering question(s) cannot be written in GIFT and are not in this file; import moodle.xml for them:`,
          ...ordering.map((id) => `//   ${id}`),
        ]),
  ]
  const blocks: string[] = [header.join('\n')]
  for (const [, group] of byDomain(list.filter((entry) => entry.question.type !== 'ordering'))) {
    let category = ''
    for (const entry of group) {
      const next = categoryPath(bank.bank, entry)
      if (next !== category) blocks.push(`$CATEGORY: ${next}`)
      category = next
      blocks.push(question(entry))
    }
  }
  return `${blocks.join('\n\n')}\n`
}
