import { convertQti2toQti3 } from '@citolab/qti-convert/qti-convert-node'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Bank } from '../../src/bank/schema.js'
import { exportBank } from '../../src/exports/index.js'
import { entries, xmlId } from '../../src/exports/text.js'
import { child, elements, findAll, parseXml, plain, testBanks, textOf, unzip, validate, type XNode, xsd } from './helpers.js'

type Files = Array<{ path: string; content: string }>

function packageFiles(bank: Bank, path: 'qti21.zip' | 'qti30.zip'): Files {
  const file = exportBank(bank).find((candidate) => candidate.path === path)
  if (!file || typeof file.content === 'string') throw new Error(`no ${path}`)
  return unzip(file.content)
}

/** Every QTI 3.0 attribute we emit, per element. Anything else is a misspelling. */
const qti3Attributes: Record<string, readonly string[]> = {
  'qti-assessment-item': ['xmlns', 'xmlns:xsi', 'xsi:schemaLocation', 'identifier', 'title', 'adaptive', 'time-dependent'],
  'qti-assessment-test': ['xmlns', 'xmlns:xsi', 'xsi:schemaLocation', 'identifier', 'title'],
  'qti-response-declaration': ['identifier', 'cardinality', 'base-type'],
  'qti-outcome-declaration': ['identifier', 'cardinality', 'base-type'],
  'qti-correct-response': [],
  'qti-default-value': [],
  'qti-value': [],
  'qti-item-body': [],
  'qti-choice-interaction': ['response-identifier', 'shuffle', 'max-choices'],
  'qti-order-interaction': ['response-identifier', 'shuffle'],
  'qti-match-interaction': ['response-identifier', 'shuffle', 'max-associations'],
  'qti-simple-match-set': [],
  'qti-simple-choice': ['identifier'],
  'qti-simple-associable-choice': ['identifier', 'match-max'],
  'qti-feedback-inline': ['outcome-identifier', 'identifier', 'show-hide'],
  'qti-modal-feedback': ['outcome-identifier', 'identifier', 'show-hide'],
  'qti-content-body': [],
  'qti-response-processing': [],
  'qti-response-condition': [],
  'qti-response-if': [],
  'qti-response-else': [],
  'qti-match': [],
  'qti-variable': ['identifier'],
  'qti-correct': ['identifier'],
  'qti-set-outcome-value': ['identifier'],
  'qti-base-value': ['base-type'],
  'qti-multiple': [],
  'qti-test-part': ['identifier', 'navigation-mode', 'submission-mode'],
  'qti-assessment-section': ['identifier', 'title', 'visible'],
  'qti-rubric-block': ['view', 'use'],
  'qti-assessment-item-ref': ['identifier', 'href'],
  'qti-outcome-processing': [],
  'qti-sum': [],
  'qti-test-variables': ['variable-identifier'],
  p: [],
  br: [],
  a: ['href'],
  div: ['class'],
  ul: [],
  li: [],
}

function attributeProblems(node: XNode): string[] {
  const allowed = qti3Attributes[node.name]
  const own =
    allowed === undefined
      ? [`unexpected element <${node.name}>`]
      : Object.keys(node.attrs)
          .filter((name) => !allowed.includes(name) || !/^([a-z]+(-[a-z]+)*|xmlns(:xsi)?|xsi:schemaLocation)$/.test(name))
          .map((name) => `<${node.name}> has attribute "${name}"`)
  return [...own, ...elements(node).flatMap(attributeProblems)]
}

describe.each(testBanks())('QTI packages of bank $name', ({ bank }) => {
  let qti21: Files
  let qti30: Files
  beforeAll(() => {
    qti21 = packageFiles(bank, 'qti21.zip')
    qti30 = packageFiles(bank, 'qti30.zip')
  })
  const questions = entries(bank.items)

  it('should hold the manifest, the test and one item per question, in that order', () => {
    const expected = ['imsmanifest.xml', 'assessment-test.xml', ...questions.map((entry) => `items/${xmlId(entry.question.id)}.xml`)]
    expect(qti21.map((file) => file.path)).toEqual(expected)
    expect(qti30.map((file) => file.path)).toEqual(expected)
  })

  // A thousand-item bank is validated in several xmllint runs, each compiling the schema.
  it('should validate every QTI 2.1 item and the test against the 2.1 XSD', async () => {
    expect(await validate(xsd.qti21Item, qti21.slice(1))).toEqual([])
  }, 240_000)

  it('should validate the QTI 2.1 manifest against the content-packaging XSD', async () => {
    expect(await validate(xsd.qti21Manifest, qti21.slice(0, 1))).toEqual([])
  })

  it('should validate every QTI 3.0 item and the test against the 3.0 XSD', async () => {
    expect(await validate(xsd.qti30Item, qti30.slice(1))).toEqual([])
  }, 240_000)

  it('should validate the QTI 3.0 manifest against the 3.0 content-packaging XSD', async () => {
    expect(await validate(xsd.qti30Manifest, qti30.slice(0, 1))).toEqual([])
  })

  it('should use only kebab-case attributes allowed for each QTI 3.0 element', () => {
    const problems = qti30.slice(1).flatMap((file) => attributeProblems(parseXml(file.content)).map((problem) => `${file.path}: ${problem}`))
    expect(problems).toEqual([])
  })

  it('should convert with @citolab/qti-convert into QTI 3.0 items the 3.0 XSD accepts', { timeout: 120_000 }, async () => {
    // The converter takes ~50–100 ms an item: convert every item of small banks,
    // and for large ones the first item of each kind plus an even spread (≤ 60).
    const items = qti21.slice(2)
    const kind = (index: number) => `${questions[index]!.question.type}:${questions[index]!.caseStudy ? 'case' : 'alone'}`
    const firsts = new Map<string, number>()
    items.forEach((_, index) => firsts.has(kind(index)) || firsts.set(kind(index), index))
    const step = Math.max(1, Math.ceil(items.length / 60))
    const chosen = [...new Set([...firsts.values(), ...items.keys()].filter((index) => firsts.get(kind(index)) === index || index % step === 0))]
    const converted = await Promise.all(
      chosen.sort((a, b) => a - b).map(async (index) => ({ path: items[index]!.path, content: await convertQti2toQti3(items[index]!.content) })),
    )
    expect(await validate(xsd.qti30Item, converted)).toEqual([])
  })

  it('should declare the items in the manifest and reference them from the test', () => {
    for (const files of [qti21, qti30]) {
      const manifest = parseXml(files[0]!.content)
      const resources = findAll(manifest, 'resource')
      const ids = questions.map((entry) => xmlId(entry.question.id))
      expect(resources.slice(1).map((resource) => resource.attrs.identifier)).toEqual(ids)
      expect(findAll(resources[0]!, 'dependency').map((dependency) => dependency.attrs.identifierref)).toEqual(ids)
      const test = parseXml(files[1]!.content)
      const refs = [...findAll(test, 'assessmentItemRef'), ...findAll(test, 'qti-assessment-item-ref')]
      expect(refs.map((ref) => ref.attrs.href).sort()).toEqual(ids.map((id) => `items/${id}.xml`).sort())
    }
  })

  it('should put each case study in a section introduced by its scenario, inside one section per domain', () => {
    const test = parseXml(qti21[1]!.content)
    const domains = [...new Set(bank.items.map((item) => item.domain))].sort((a, b) => Number(a) - Number(b))
    expect(elements(child(test, 'testPart')).map((section) => section.attrs.title)).toEqual(domains.map((domain) => `Domain ${domain}`))
    for (const item of bank.items) {
      if (item.type !== 'case-study') continue
      const section = findAll(test, 'assessmentSection').find((candidate) => candidate.attrs.identifier === xmlId(item.id))
      expect(section).toBeDefined()
      expect(textOf(child(section!, 'rubricBlock')).trim()).toBe(plain(item.scenario))
      expect(findAll(section!, 'assessmentItemRef').map((ref) => ref.attrs.identifier)).toEqual(item.questions.map((q) => xmlId(q.id)))
    }
  })

  it('should carry stems, options, keys and feedback of every question (QTI 2.1, read back)', () => {
    for (const [index, entry] of questions.entries()) {
      const { question } = entry
      const item = parseXml(qti21[index + 2]!.content)
      expect(item.attrs.identifier).toBe(xmlId(question.id))
      const body = child(item, 'itemBody')
      const interaction = elements(body).find((node) => node.name.endsWith('Interaction'))!
      const stem = textOf(body, new Set([interaction.name]))
      const expectedStem = entry.caseStudy ? `${plain(entry.caseStudy.scenario)}\n\n${plain(question.stem)}` : plain(question.stem)
      expect(stem).toBe(expectedStem)
      const values = findAll(child(item, 'responseDeclaration'), 'value').map((value) => textOf(value))
      const modal = new Map(findAll(item, 'modalFeedback').map((node) => [node.attrs.identifier, textOf(node)]))
      expect(modal.get('general_fb')?.startsWith(plain(question.explanation.correct))).toBe(true)
      expect(modal.has('correct_fb') && modal.has('incorrect_fb')).toBe(true)
      if (question.type === 'single' || question.type === 'multiple') {
        expect(interaction.attrs.maxChoices).toBe(String(question.type === 'single' ? 1 : question.select))
        expect(values).toEqual(question.answer)
        const choices = findAll(interaction, 'simpleChoice')
        expect(choices.map((choice) => choice.attrs.identifier)).toEqual(question.options.map((option) => option.id))
        for (const [i, choice] of choices.entries()) {
          const option = question.options[i]!
          // Canvas: the choice text is the leading text node, the comment a feedbackInline.
          expect(typeof choice.children[0]).toBe('string')
          expect(textOf(choice, new Set(['feedbackInline']))).toBe(option.text)
          expect(textOf(child(choice, 'feedbackInline'))).toBe(option.feedback)
          expect(modal.get(option.id)).toBe(option.feedback)
        }
      } else if (question.type === 'ordering') {
        expect(child(item, 'responseDeclaration').attrs.cardinality).toBe('ordered')
        expect(values).toEqual(question.answer)
        expect(findAll(interaction, 'simpleChoice').map((choice) => textOf(choice))).toEqual(question.options.map((option) => option.text))
      } else {
        expect(child(item, 'responseDeclaration').attrs.baseType).toBe('directedPair')
        expect(values).toEqual(question.answer.map((pair) => `${pair.prompt} ${pair.choice}`))
        const [sources, targets] = findAll(interaction, 'simpleMatchSet')
        expect(findAll(sources!, 'simpleAssociableChoice').map((node) => textOf(node))).toEqual(question.prompts.map((p) => p.text))
        expect(findAll(targets!, 'simpleAssociableChoice').map((node) => textOf(node))).toEqual(question.choices.map((c) => c.text))
      }
    }
  })

  it('should give QTI 3.0 the same content as QTI 2.1 (every element renamed, modal feedback in a content body)', () => {
    const text21 = qti21.slice(2).map((file) => textOf(parseXml(file.content)).replace(/\s+/g, ' '))
    const text30 = qti30.slice(2).map((file) => textOf(parseXml(file.content)).replace(/\s+/g, ' '))
    expect(text30).toEqual(text21)
    for (const file of qti30.slice(2)) {
      const item = parseXml(file.content)
      expect(findAll(item, 'qti-modal-feedback').every((node) => elements(node).map((c) => c.name).join() === 'qti-content-body')).toBe(true)
    }
  })
})

describe('XSD validation', () => {
  it('should keep an empty export (everything filtered out) valid', async () => {
    const [bank] = testBanks()
    const empty = { ...bank!.bank, items: [] }
    const qti21 = packageFiles(empty, 'qti21.zip')
    const qti30 = packageFiles(empty, 'qti30.zip')
    expect(qti21.map((file) => file.path)).toEqual(['imsmanifest.xml', 'assessment-test.xml'])
    expect(await validate(xsd.qti21Item, qti21.slice(1))).toEqual([])
    expect(await validate(xsd.qti21Manifest, qti21.slice(0, 1))).toEqual([])
    expect(await validate(xsd.qti30Manifest, qti30.slice(0, 1))).toEqual([])
  })

  it('should reject a misspelt QTI 2.1 attribute', async () => {
    const qti21 = packageFiles(testBanks()[0]!.bank, 'qti21.zip')
    const broken = { path: 'broken.xml', content: qti21[2]!.content.replace('maxChoices=', 'max-choices=') }
    expect((await validate(xsd.qti21Item, [broken])).join('\n')).toMatch(/broken\.xml.*max-choices/)
  })

  it('should reject a QTI 3.0 modal feedback without content body but miss a misspelt 3.0 attribute, which the attribute check catches', async () => {
    const qti30 = packageFiles(testBanks()[0]!.bank, 'qti30.zip')
    const broken = { path: 'broken.xml', content: qti30[2]!.content.replace(/<\/?qti-content-body>/g, '') }
    const misspelt = { path: 'misspelt.xml', content: qti30[2]!.content.replace('max-choices=', 'maxChoices=') }
    const errors = await validate(xsd.qti30Item, [broken, misspelt])
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.every((error) => error.includes('broken.xml'))).toBe(true)
    expect(attributeProblems(parseXml(misspelt.content))).toEqual(['<qti-choice-interaction> has attribute "maxChoices"'])
  })
})
