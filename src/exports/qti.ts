/**
 * QTI item, test and manifest trees, written with QTI 2.1 names. The 2.1
 * package serializes them as they are; the 3.0 package renames them
 * (`./qti30.ts`). Feedback follows what Canvas reads: `feedbackInline` after
 * the choice text (the text stays the choice's leading text node), and
 * `modalFeedback` with identifiers `correct_fb`, `incorrect_fb`, `general_fb`
 * and one per option, each text in a `<p>`.
 */
import type { Bank } from '../bank/schema.js'
import { blocks, byDomain, type Entry, generalFeedback, inline, type Question, shortTitle, stemBlocks, verdict, xmlId } from './text.js'
import { el, type XmlElement, type XmlNode } from './xml.js'

export const RESPONSE = 'RESPONSE'
export const SCORE = 'SCORE'
export const FEEDBACK = 'FEEDBACK'

/** Path of an item file inside a package. */
export function itemPath(entry: Entry): string {
  return `items/${xmlId(entry.question.id)}.xml`
}

export const testPath = 'assessment-test.xml'

/** One assessment item (QTI 2.1 names, no namespace attributes). */
export function itemTree(entry: Entry): XmlElement {
  const { question } = entry
  return el(
    'assessmentItem',
    { identifier: xmlId(question.id), title: shortTitle(question.stem), adaptive: false, timeDependent: false },
    responseDeclaration(question),
    el('outcomeDeclaration', { identifier: SCORE, cardinality: 'single', baseType: 'float' }, el('defaultValue', {}, el('value', {}, '0'))),
    el('outcomeDeclaration', { identifier: FEEDBACK, cardinality: 'multiple', baseType: 'identifier' }),
    el('itemBody', {}, stemBlocks(entry), interaction(question)),
    responseProcessing(question),
    modalFeedback(question),
  )
}

function responseDeclaration(question: Question): XmlElement {
  const values =
    question.type === 'matching' ? question.answer.map((pair) => `${pair.prompt} ${pair.choice}`) : question.answer
  const cardinality = { single: 'single', multiple: 'multiple', ordering: 'ordered', matching: 'multiple' }[question.type]
  return el(
    'responseDeclaration',
    { identifier: RESPONSE, cardinality, baseType: question.type === 'matching' ? 'directedPair' : 'identifier' },
    el('correctResponse', {}, values.map((value) => el('value', {}, value))),
  )
}

function interaction(question: Question): XmlElement {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return el(
        'choiceInteraction',
        { responseIdentifier: RESPONSE, shuffle: false, maxChoices: question.type === 'single' ? 1 : question.select },
        question.options.map((option) =>
          el(
            'simpleChoice',
            { identifier: option.id },
            inline(option.text),
            el('feedbackInline', { outcomeIdentifier: FEEDBACK, identifier: option.id, showHide: 'show' }, inline(option.feedback)),
          ),
        ),
      )
    case 'ordering':
      return el(
        'orderInteraction',
        { responseIdentifier: RESPONSE, shuffle: false },
        question.options.map((option) => el('simpleChoice', { identifier: option.id }, inline(option.text))),
      )
    case 'matching': {
      const uses = (id: string) => question.answer.filter((pair) => pair.choice === id).length
      return el(
        'matchInteraction',
        { responseIdentifier: RESPONSE, shuffle: false, maxAssociations: question.prompts.length },
        el(
          'simpleMatchSet',
          {},
          question.prompts.map((prompt) => el('simpleAssociableChoice', { identifier: prompt.id, matchMax: 1 }, inline(prompt.text))),
        ),
        el(
          'simpleMatchSet',
          {},
          question.choices.map((choice) =>
            el('simpleAssociableChoice', { identifier: choice.id, matchMax: Math.max(1, uses(choice.id)) }, inline(choice.text)),
          ),
        ),
      )
    }
  }
}

/** match_correct, plus FEEDBACK = correct/incorrect, general and (choice types) the chosen options. */
function responseProcessing(question: Question): XmlElement {
  const feedback = (outcome: string): XmlElement =>
    el(
      'setOutcomeValue',
      { identifier: FEEDBACK },
      el(
        'multiple',
        {},
        el('baseValue', { baseType: 'identifier' }, outcome),
        el('baseValue', { baseType: 'identifier' }, 'general_fb'),
        question.type === 'single' || question.type === 'multiple' ? [el('variable', { identifier: RESPONSE })] : [],
      ),
    )
  const score = (value: string) => el('setOutcomeValue', { identifier: SCORE }, el('baseValue', { baseType: 'float' }, value))
  return el(
    'responseProcessing',
    {},
    el(
      'responseCondition',
      {},
      el(
        'responseIf',
        {},
        el('match', {}, el('variable', { identifier: RESPONSE }), el('correct', { identifier: RESPONSE })),
        score('1'),
        feedback('correct_fb'),
      ),
      el('responseElse', {}, score('0'), feedback('incorrect_fb')),
    ),
  )
}

function modal(identifier: string, ...content: XmlNode[]): XmlElement {
  return el('modalFeedback', { outcomeIdentifier: FEEDBACK, identifier, showHide: 'show' }, content)
}

function modalFeedback(question: Question): XmlElement[] {
  const perOption =
    question.type === 'single' || question.type === 'multiple'
      ? question.options.map((option) => modal(option.id, el('p', {}, inline(option.feedback))))
      : []
  return [
    modal('correct_fb', verdict('correct', question)),
    modal('incorrect_fb', verdict('incorrect', question)),
    modal('general_fb', ...generalFeedback(question)),
    ...perOption,
  ]
}

/** The test: one section per domain; a case study is a sub-section introduced by its scenario. */
export function testTree(bank: Bank, title: string): XmlElement {
  const domains = byDomain(bank.items).map(([domain, items]) =>
    el(
      'assessmentSection',
      { identifier: `domain_${domain}`, title: `Domain ${domain}`, visible: true },
      items.map((item) =>
        item.type === 'case-study'
          ? el(
              'assessmentSection',
              { identifier: xmlId(item.id), title: shortTitle(item.scenario), visible: true },
              el('rubricBlock', { view: 'candidate' }, blocks(item.scenario)),
              item.questions.map((question) => itemRef(question.id)),
            )
          : itemRef(item.id),
      ),
    ),
  )
  // A test part needs a section: an empty export (everything filtered out) gets an empty one.
  const sections = domains.length > 0 ? domains : [el('assessmentSection', { identifier: 'empty', title: 'No questions', visible: true })]
  return el(
    'assessmentTest',
    { identifier: xmlId(bank.bank), title },
    el('outcomeDeclaration', { identifier: SCORE, cardinality: 'single', baseType: 'float' }),
    el('testPart', { identifier: 'part_1', navigationMode: 'nonlinear', submissionMode: 'individual' }, sections),
    el(
      'outcomeProcessing',
      {},
      el('setOutcomeValue', { identifier: SCORE }, el('sum', {}, el('testVariables', { variableIdentifier: SCORE }))),
    ),
  )
}

function itemRef(id: string): XmlElement {
  return el('assessmentItemRef', { identifier: xmlId(id), href: `items/${xmlId(id)}.xml` })
}

export interface ManifestVersion {
  readonly namespace: string
  readonly schemaLocation: string
  readonly schema: string
  readonly schemaversion: string
  readonly itemType: string
  readonly testType: string
}

/** The IMS content-packaging manifest: the test (depending on every item), then the items. */
export function manifestTree(bank: Bank, list: readonly Entry[], version: ManifestVersion): XmlElement {
  const testId = `TEST_${xmlId(bank.bank)}`
  return el(
    'manifest',
    {
      xmlns: version.namespace,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      identifier: `MANIFEST_${xmlId(bank.bank)}`,
      'xsi:schemaLocation': version.schemaLocation,
    },
    el('metadata', {}, el('schema', {}, version.schema), el('schemaversion', {}, version.schemaversion)),
    el('organizations'),
    el(
      'resources',
      {},
      el(
        'resource',
        { identifier: testId, type: version.testType, href: testPath },
        el('file', { href: testPath }),
        list.map((entry) => el('dependency', { identifierref: xmlId(entry.question.id) })),
      ),
      list.map((entry) =>
        el(
          'resource',
          { identifier: xmlId(entry.question.id), type: version.itemType, href: itemPath(entry) },
          el('file', { href: itemPath(entry) }),
        ),
      ),
    ),
  )
}
