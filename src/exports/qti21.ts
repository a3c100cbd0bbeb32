/** QTI 2.1 content package (`qti21.zip`): Canvas, Blackboard, most QTI 2.1 tools. */
import type { Bank } from '../bank/schema.js'
import { itemPath, itemTree, manifestTree, type ManifestVersion, testPath, testTree } from './qti.js'
import { entries } from './text.js'
import { type XmlElement, xmlDocument } from './xml.js'
import { zip, type ZipEntry } from './zip.js'

const namespace = 'http://www.imsglobal.org/xsd/imsqti_v2p1'
const schemaLocation = `${namespace} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd`

export const qti21Manifest: ManifestVersion = {
  namespace: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  schemaLocation: 'http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd',
  schema: 'QTIv2.1 Package',
  schemaversion: '1.0.0',
  itemType: 'imsqti_item_xmlv2p1',
  testType: 'imsqti_test_xmlv2p1',
}

/** Give a QTI 2.1 root element its namespace declarations. */
function root(tree: XmlElement): XmlElement {
  return {
    name: tree.name,
    attrs: { xmlns: namespace, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': schemaLocation, ...tree.attrs },
    children: tree.children,
  }
}

/** The package's files: manifest, test, then items in bank order. */
export function qti21Files(bank: Bank, title: string): ZipEntry[] {
  const list = entries(bank.items)
  return [
    { path: 'imsmanifest.xml', content: xmlDocument(manifestTree(bank, list, qti21Manifest)) },
    { path: testPath, content: xmlDocument(root(testTree(bank, title))) },
    ...list.map((entry) => ({ path: itemPath(entry), content: xmlDocument(root(itemTree(entry))) })),
  ]
}

export function qti21(bank: Bank, title: string): Uint8Array {
  return zip(qti21Files(bank, title))
}
