import { describe, expect, it } from 'vitest'
import { generateBank, type CaseQuestion, type Item } from '../../src/bank/index.js'
import { indexGraph } from '../../src/bank/graph-index.js'
import { be, isPlural, lowerFirst, nameRef, quote, subjectIs } from '../../src/bank/text.js'
import { loadFixture, realGraph } from './helpers.js'

const parts = (items: readonly Item[]) => items.flatMap((item): (Item | CaseQuestion)[] => (item.type === 'case-study' ? [item, ...item.questions] : [item]))
const texts = (item: Item | CaseQuestion): string[] => [
  item.explanation.correct,
  ...(item.type === 'matching' ? item.choices : item.type === 'case-study' ? [] : item.options).map((option) => option.feedback),
]

describe('grammar helpers', () => {
  it('quote a cue as written, whatever its grammar', () => {
    expect(quote('Store raw and processed ML data')).toBe('“Store raw and processed ML data”')
    expect(quote('low-latency, always-on API.')).toBe('“Low-latency, always-on API”')
    expect(quote('“Who changed the endpoint configuration?”')).toBe('“Who changed the endpoint configuration?”')
    expect(quote('"Ad hoc SQL"')).toBe('“Ad hoc SQL”')
  })

  it('agree the verb with plural names and keep product names singular', () => {
    expect(isPlural('Interface VPC endpoints')).toBe(true)
    expect(isPlural('Pipeline parameters')).toBe(true)
    expect(isPlural('Amazon Kinesis Data Streams')).toBe(false)
    expect(isPlural('AWS Step Functions')).toBe(false)
    expect(isPlural('Amazon S3')).toBe(false)
    expect(isPlural('Bias')).toBe(false)
    expect(subjectIs('Interface VPC endpoints')).toBe('Interface VPC endpoints are')
    expect(subjectIs('AWS IAM')).toBe('AWS IAM is')
    // An action or a list is quoted, and a quotation is singular.
    expect(subjectIs('Class weights, resampling, threshold tuning')).toBe('“Class weights, resampling, threshold tuning” is')
    expect(nameRef('Stop notebook instances or use managed environments appropriately', new Set())).toBe(
      '“Stop notebook instances or use managed environments appropriately”',
    )
  })

  it('takes casing from the catalog: a name written in lower case is a common noun, with a capital a proper name', () => {
    const names = new Set(['Amazon S3', 'checkpoints saved to S3', 'Athena', 'Terraform', 'backup and restore'])
    expect(lowerFirst('Checkpoints saved to S3', names)).toBe('checkpoints saved to S3')
    expect(lowerFirst('Amazon S3', names)).toBe('Amazon S3')
    expect(lowerFirst('Athena', names)).toBe('Athena')
    // A single-word product name stays, whatever follows it; a word that is not a catalog name is lowered.
    expect(lowerFirst('Terraform state in a remote backend', names)).toBe('Terraform state in a remote backend')
    expect(lowerFirst('Trading engine with a latency budget', names)).toBe('trading engine with a latency budget')
    // A first word written with an inner capital is kept as written, slash or not.
    expect(lowerFirst('Dev/Test workloads', names)).toBe('Dev/Test workloads')
    // A catalog name joined by "and" names one thing.
    expect(be('Backup and restore', names)).toBe('is')
    expect(be('Backups and snapshots', names)).toBe('are')
  })
})

describe('feedback and explanations (fixture)', () => {
  const graph = loadFixture()
  const index = indexGraph(graph)
  const bank = generateBank(graph)

  it('never splice a lower-cased cue after "fits"', () => {
    for (const item of parts(bank.items)) for (const text of texts(item)) expect(text).not.toMatch(/ fits /)
  })

  it('quote the rule’s cue as written in the key’s feedback, with the rule’s reason', () => {
    const items = parts(bank.items).filter((item) => item.tags.includes('form:direct') && item.type === 'single')
    expect(items.length).toBeGreaterThan(10)
    for (const item of items) {
      if (item.type !== 'single') continue
      const rule = index.rules.get(item.ruleIds[0]!)!
      const key = item.options.find((option) => option.id === item.answer[0])!
      expect(key.feedback).toMatch(/^Correct\. /)
      expect(key.feedback).toContain(quote(rule.cue))
      if (rule.reason) expect(item.explanation.correct).toContain(lowerFirst(rule.reason.replace(/\.$/, ''), index.names))
    }
  })

  it('reads as a sentence for a requirement, with the reason after the quoted cue', () => {
    const item = bank.items.find((candidate) => candidate.type === 'single' && candidate.tags.includes('form:direct') && candidate.stem.includes('ffline predictions for a dataset'))
    expect(item?.explanation.correct).toBe('SageMaker batch transform is the best choice for “Offline predictions for a dataset”: no persistent endpoint needed.')
  })

  it('quote a clue and say what it points to', () => {
    const rule = graph.rules.find((candidate) => candidate.cueKind === 'clue')!
    const item = parts(bank.items).find((candidate) => candidate.type === 'single' && candidate.ruleIds[0] === rule.id)
    expect(item?.explanation.correct).toMatch(new RegExp(`^${quote(rule.cue)} points to `))
  })

  it('quote ordering steps in feedback instead of lower-casing them', () => {
    const item = bank.items.find((candidate) => candidate.type === 'ordering')
    expect(item?.type).toBe('ordering')
    if (item?.type !== 'ordering') return
    for (const option of item.options) expect(option.feedback).toMatch(/^Step \d+ of \d+ in .*(, after “[^”]+”)?\.$/)
    expect(item.options.some((option) => option.feedback.includes(', after “'))).toBe(true)
  })
})

describe.skipIf(!realGraph)('feedback and explanations (real graph)', () => {
  const bank = generateBank(realGraph!)
  const all = parts(bank.items)

  it('say what a distractor is for, quoting that need as written', () => {
    const feedback = all.flatMap((item) => (item.type === 'single' || item.type === 'multiple' ? item.options.map((option) => option.feedback) : []))
    expect(feedback).toContain('AWS IAM is the answer to a different need: “Secure workloads”.')
    expect(feedback.some((text) => text.startsWith('Interface VPC endpoints are '))).toBe(true)
    expect(feedback.some((text) => text.startsWith('Interface VPC endpoints is '))).toBe(false)
  })

  it('name the answer kind in words in matching stems', () => {
    const stems = bank.items.filter((item) => item.type === 'matching').map((item) => item.stem)
    expect(stems.some((stem) => stem.includes('with the inference option that'))).toBe(true)
    for (const stem of stems) expect(stem).not.toMatch(/\b[a-z]+-[a-z]+ that fits/)
  })

  it('never use "fits" with a spliced cue anywhere in the recall items', () => {
    // Scenario feedback quotes feature phrases as authored ("fits in the memory of one GPU"), never a spliced cue.
    for (const item of all.filter((part) => part.tags.includes('form:recall'))) for (const text of texts(item)) expect(text).not.toMatch(/ fits /)
  })
})
