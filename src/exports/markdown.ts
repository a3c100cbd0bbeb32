/**
 * Items as a reader sees them, in Markdown: the README's sample items are
 * rendered by this function from the committed bank (`npm run readme`), and a
 * test keeps them equal, so the README never shows an item the bank no longer has.
 */
import type { Bank, CaseQuestion, Item } from '../bank/schema.js'

const letters = 'ABCDEFGH'

const typeNames: Record<Item['type'], string> = {
  single: 'Multiple choice',
  multiple: 'Multiple response',
  matching: 'Matching',
  ordering: 'Ordering',
  'case-study': 'Case study',
}

function sources(item: Item | CaseQuestion): string {
  const places = [...new Set(item.explanation.sources.map((source) => `\`${source.file}:${source.line}\``))]
  const pages = item.explanation.references ?? []
  return `*Source: ${places.join(', ')} · difficulty: ${item.difficulty}*` + (pages.length > 0 ? `\n\n*Documentation: ${pages.map((url) => `<${url}>`).join(' · ')}*` : '')
}

function choice(item: Extract<Item | CaseQuestion, { type: 'single' | 'multiple' }>, heading: string): string[] {
  const letter = (id: string) => letters[item.options.findIndex((option) => option.id === id)] ?? '?'
  const keys = item.answer.map(letter).sort().join(', ')
  return [
    heading,
    '',
    item.stem,
    '',
    ...item.options.map((option, i) => `- **${letters[i]}.** ${option.text}`),
    '',
    `**Answer: ${keys}.** ${item.explanation.correct}`,
    '',
    ...item.options.map((option, i) => `- *${letters[i]}:* ${option.feedback}`),
    '',
    sources(item),
  ]
}

/** One item under a `###` heading (case-study questions under `####`). */
export function itemMarkdown(item: Item): string {
  const heading = `### ${typeNames[item.type]} — \`${item.id}\``
  switch (item.type) {
    case 'single':
    case 'multiple':
      return choice(item, heading).join('\n')
    case 'case-study':
      return [
        heading,
        '',
        ...item.scenario.split('\n\n').flatMap((paragraph) => [paragraph, '']),
        ...item.questions.flatMap((question, i) => [...choice(question, `#### Question ${i + 1} — \`${question.id}\``), '']),
      ]
        .join('\n')
        .trimEnd()
    case 'matching':
    case 'ordering':
      return [heading, '', item.stem, '', sources(item)].join('\n')
  }
}

/** The items with these ids, in this order, separated by rules; an unknown id throws (the README names a retired item). */
export function itemsMarkdown(bank: Bank, ids: readonly string[]): string {
  return ids
    .map((id) => {
      const item = bank.items.find((candidate) => candidate.id === id)
      if (item === undefined) throw new Error(`Unexpected item id \`${id}\`, expected an item of bank \`${bank.bank}\``)
      return itemMarkdown(item)
    })
    .join('\n\n---\n\n')
}
