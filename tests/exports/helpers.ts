/**
 * Test helpers: banks to test on, an independent XML reader (fast-xml-parser),
 * HTML-to-text for comparing exported fields with the bank, unzip, and XSD
 * validation with xmllint-wasm against the vendored 1EdTech schemas.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { XMLParser } from 'fast-xml-parser'
import { validateXML, type XMLFileInfo } from 'xmllint-wasm'
import { Bank } from '../../src/bank/schema.js'

const root = join(import.meta.dirname, '..', '..')

export const fixturePath = join(root, 'tests', 'fixtures', 'exports', 'bank.json')

export function loadBank(path: string): Bank {
  return Bank.parse(JSON.parse(readFileSync(path, 'utf8')))
}

/**
 * The fixture bank, then every generated bank (`generated/<bank>/bank.json`)
 * that exists, then the bank at `$EXPORTS_TEST_BANK` if set.
 */
export function testBanks(): Array<{ name: string; bank: Bank }> {
  const banks = [{ name: 'fixture', bank: loadBank(fixturePath) }]
  const extra = process.env.EXPORTS_TEST_BANK
  if (extra) banks.push({ name: extra, bank: loadBank(extra) })
  const generated = join(root, 'generated')
  if (existsSync(generated)) {
    for (const name of readdirSync(generated).sort()) {
      const path = join(generated, name, 'bank.json')
      if (existsSync(path)) banks.push({ name, bank: loadBank(path) })
    }
  }
  return banks
}

/** Files of a zip archive, in archive order. */
export function unzip(data: Uint8Array): Array<{ path: string; content: string }> {
  return Object.entries(unzipSync(data)).map(([path, bytes]) => ({ path, content: strFromU8(bytes) }))
}

// ---------------------------------------------------------------- XML reading

export interface XNode {
  readonly name: string
  readonly attrs: Record<string, string>
  readonly children: Array<XNode | string>
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true,
})

type Ordered = Record<string, unknown>

function convert(node: Ordered): XNode | string {
  if ('#text' in node) return String(node['#text'])
  const name = Object.keys(node).find((key) => key !== ':@')
  if (name === undefined) throw new Error('empty node')
  const attrs = (node[':@'] ?? {}) as Record<string, string>
  const children = (node[name] as Ordered[]).map(convert)
  return { name, attrs, children }
}

/** Parse a document (or fragment with one root) into a tree; whitespace-only text between elements is dropped. */
export function parseXml(xml: string): XNode {
  const nodes = (parser.parse(xml) as Ordered[]).map(convert).filter((node): node is XNode => typeof node !== 'string')
  const [first] = nodes
  if (!first || nodes.length !== 1) throw new Error(`expected one root element, got ${nodes.length}`)
  return first
}

export function elements(node: XNode): XNode[] {
  return node.children.filter((child): child is XNode => typeof child !== 'string')
}

/** Descendants (and self) named `name`, in document order. */
export function findAll(node: XNode, name: string): XNode[] {
  const found = node.name === name ? [node] : []
  return [...found, ...elements(node).flatMap((child) => findAll(child, name))]
}

export function child(node: XNode, name: string): XNode {
  const found = elements(node).find((candidate) => candidate.name === name)
  if (!found) throw new Error(`<${node.name}> has no <${name}>`)
  return found
}

const blockNames = new Set(['p', 'div', 'ul', 'ol', 'li'])

/**
 * The text a reader sees: `<br/>` is a line break, block elements are
 * paragraphs separated by a blank line; whitespace-only text between blocks is ignored.
 */
export function textOf(node: XNode | string, skip: ReadonlySet<string> = new Set()): string {
  if (typeof node === 'string') return node
  if (node.name === 'br') return '\n'
  const segments: string[] = []
  let run = ''
  for (const item of node.children) {
    if (typeof item !== 'string' && skip.has(item.name)) continue
    if (typeof item !== 'string' && blockNames.has(item.name)) {
      if (run.trim() !== '') segments.push(run)
      run = ''
      segments.push(textOf(item, skip))
    } else {
      run += textOf(item, skip)
    }
  }
  if (run.trim() !== '' || segments.length === 0) segments.push(run)
  return segments.join('\n\n')
}

/** An HTML fragment (as the exports write it: well-formed) as reader text. */
export function htmlToText(html: string): string {
  return textOf(parseXml(`<fragment>${html}</fragment>`))
}

/** Bank text as a reader should see it: paragraphs trimmed, separated by one blank line. */
export function plain(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n')
}

// ----------------------------------------------------------- XSD validation

const schemaRoot = join(root, 'tests', 'schemas')

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]))
}

const schemaCache = new Map<string, XMLFileInfo[]>()

function schemas(version: 'qti21' | 'qti30'): XMLFileInfo[] {
  let files = schemaCache.get(version)
  if (!files) {
    const dir = join(schemaRoot, version)
    files = walk(dir).map((path) => ({ fileName: relative(dir, path), contents: readFileSync(path, 'utf8') }))
    schemaCache.set(version, files)
  }
  return files
}

export const xsd = {
  qti21Item: { version: 'qti21', schema: 'qtiv2p1/imsqti_v2p1.xsd' },
  qti21Manifest: { version: 'qti21', schema: 'imscp_v1p1.xsd' },
  qti30Item: { version: 'qti30', schema: 'imsqti_asiv3p0p1_v1p0.xsd' },
  qti30Manifest: { version: 'qti30', schema: 'imsqtiv3p0_imscpv1p2_v1p0.xsd' },
} as const

/** Documents per xmllint run: a bank of a thousand items in one run exhausts the wasm memory. */
const batchSize = 500

/**
 * Validate many documents against one XSD, in xmllint runs of `batchSize`
 * documents (the schema compiles once per run). Returns xmllint's error lines;
 * empty when all are valid.
 */
export async function validate(
  target: { version: 'qti21' | 'qti30'; schema: string },
  documents: ReadonlyArray<{ path: string; content: string }>,
): Promise<string[]> {
  const errors: string[] = []
  for (let start = 0; start < documents.length; start += batchSize) {
    errors.push(...(await validateBatch(target, documents.slice(start, start + batchSize))))
  }
  return errors
}

async function validateBatch(
  target: { version: 'qti21' | 'qti30'; schema: string },
  documents: ReadonlyArray<{ path: string; content: string }>,
): Promise<string[]> {
  const all = schemas(target.version)
  const schema = all.find((file) => file.fileName === target.schema)
  if (!schema) throw new Error(`missing schema ${target.schema}`)
  const result = await validateXML({
    xml: documents.map((document) => ({ fileName: document.path.replace(/[^A-Za-z0-9._-]/g, '_'), contents: document.content })),
    schema,
    preload: all.filter((file) => file !== schema),
    // The QTI 3.0 schema needs more than the default 32 MiB to compile.
    initialMemoryPages: 2048,
    maxMemoryPages: 16384,
  })
  return result.valid ? [] : result.errors.map((error) => error.rawMessage)
}
