/**
 * A tiny XML tree and serializer: enough for QTI, Moodle XML and the HTML
 * fragments inside them. Elements with text children are written inline so
 * that indentation never changes mixed content.
 */

export type XmlNode = XmlElement | string

export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: readonly XmlNode[]
}

export type Attrs = Record<string, string | number | boolean | undefined>

/** Build an element; `undefined` attribute values are dropped. */
export function el(name: string, attrs: Attrs = {}, ...children: ReadonlyArray<XmlNode | readonly XmlNode[]>): XmlElement {
  const clean: Record<string, string> = {}
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) clean[key] = String(value)
  }
  return { name, attrs: clean, children: children.flat() }
}

/** Escape text content: `&`, `<`, `>`. */
export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escape an attribute value (double-quoted); whitespace characters are kept as references. */
export function escapeAttr(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

/** Characters XML 1.0 forbids, even escaped. */
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Remove characters no XML document may contain. */
export function xmlSafe(value: string): string {
  return value.replace(forbidden, '')
}

/** Serialize a node. `indent` = '' writes everything on one line. */
export function serialize(node: XmlNode, indent = '', depth = 0): string {
  if (typeof node === 'string') return escapeText(xmlSafe(node))
  const attrs = Object.entries(node.attrs)
    .map(([key, value]) => ` ${key}="${escapeAttr(xmlSafe(value))}"`)
    .join('')
  if (node.children.length === 0) return `<${node.name}${attrs}/>`
  const mixed = indent === '' || node.children.some((child) => typeof child === 'string')
  if (mixed) {
    return `<${node.name}${attrs}>${node.children.map((child) => serialize(child, '', 0)).join('')}</${node.name}>`
  }
  const pad = '\n' + indent.repeat(depth + 1)
  const inner = node.children.map((child) => pad + serialize(child, indent, depth + 1)).join('')
  return `<${node.name}${attrs}>${inner}\n${indent.repeat(depth)}</${node.name}>`
}

/** A complete document: declaration, root indented by two spaces, final newline. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, '  ')}\n`
}
