/** List items as located text: the first paragraph of each item, from its first character. */
import type { List } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { startOf, type Located } from './point.js'

export function listItems(list: List): Located[] {
  return list.children.flatMap((item) => {
    const first = item.children[0]
    if (first === undefined) return []
    return [{ text: toString(first).trim(), point: startOf(first) }]
  })
}

/** Drop one final period: cells carry none, so list items and paragraphs match them. */
export function stripPeriod(text: string): string {
  return text.replace(/\s*\.\s*$/, '').trim()
}
