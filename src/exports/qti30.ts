/**
 * QTI 3.0 content package (`qti30.zip`): the 2.1 trees renamed to kebab-case
 * `qti-*` elements and attributes, with `qti-content-body` inside modal
 * feedback and rubric blocks.
 */
import type { Bank } from '../bank/schema.js'
import { itemPath, itemTree, manifestTree, type ManifestVersion, testPath, testTree } from './qti.js'
import { entries } from './text.js'
import { el, type XmlElement, type XmlNode, xmlDocument } from './xml.js'
import { zip, type ZipEntry } from './zip.js'

const namespace = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0'
const schemaLocation = `${namespace} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd`

export const qti30Manifest: ManifestVersion = {
  namespace: 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1',
  schemaLocation:
    'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1 https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd',
  schema: 'QTI Package',
  schemaversion: '3.0.0',
  itemType: 'imsqti_item_xmlv3p0',
  testType: 'imsqti_test_xmlv3p0',
}

/** XHTML elements keep their names in QTI 3.0. */
const xhtml = new Set(['p', 'br', 'div', 'span', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'a'])

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)

/** Rename a QTI 2.1 tree to QTI 3.0. */
export function toQti3(node: XmlNode): XmlNode {
  if (typeof node === 'string') return node
  const attrs: Record<string, string> = {}
  for (const [key, value] of Object.entries(node.attrs)) attrs[key.includes(':') ? key : kebab(key)] = value
  let children = node.children.map(toQti3)
  if (xhtml.has(node.name)) return { name: node.name, attrs, children }
  if (node.name === 'modalFeedback' || node.name === 'rubricBlock') children = [el('qti-content-body', {}, children)]
  if (node.name === 'rubricBlock') attrs.use = 'instructions'
  return { name: `qti-${kebab(node.name)}`, attrs, children }
}

function root(tree: XmlElement): XmlElement {
  const renamed = toQti3(tree) as XmlElement
  return {
    name: renamed.name,
    attrs: { xmlns: namespace, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': schemaLocation, ...renamed.attrs },
    children: renamed.children,
  }
}

/** The package's files: manifest, test, then items in bank order. */
export function qti30Files(bank: Bank, title: string): ZipEntry[] {
  const list = entries(bank.items)
  return [
    { path: 'imsmanifest.xml', content: xmlDocument(manifestTree(bank, list, qti30Manifest)) },
    { path: testPath, content: xmlDocument(root(testTree(bank, title))) },
    ...list.map((entry) => ({ path: itemPath(entry), content: xmlDocument(root(itemTree(entry))) })),
  ]
}

export function qti30(bank: Bank, title: string): Uint8Array {
  return zip(qti30Files(bank, title))
}
