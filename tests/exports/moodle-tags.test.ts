/**
 * Moodle keeps at most 50 characters of a tag (TAG_MAX_LENGTH) and compares
 * tags without case: the GIFT and Moodle XML exports write every tag within
 * that, one distinct name per distinct bank tag, still traceable to it.
 */
import { describe, expect, it } from 'vitest'
import { gift } from '../../src/exports/gift.js'
import { moodle } from '../../src/exports/moodle.js'
import { moodleTag, moodleTagMax } from '../../src/exports/text.js'
import { hashHex } from '../../src/bank/hash.js'
import type { Bank } from '../../src/bank/schema.js'
import { testBanks } from './helpers.js'

const bankTags = (bank: Bank) => {
  const tags = new Set<string>()
  for (const item of bank.items) {
    for (const tag of item.tags) tags.add(tag)
    if (item.type === 'case-study') for (const q of item.questions) for (const tag of q.tags) tags.add(tag)
  }
  return tags
}

const written = {
  gift: (bank: Bank) => [...gift(bank, bank.bank).matchAll(/\[tag:([^\]]*)\]/g)].map((m) => m[1]!),
  moodle: (bank: Bank) => [...moodle(bank).matchAll(/<tag>\s*<text>([^<]*)<\/text>\s*<\/tag>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')),
}

describe('moodleTag', () => {
  it('keeps a tag of up to 50 characters as it is', () => {
    expect(moodleTagMax).toBe(50)
    expect(moodleTag('error:wrong-service')).toBe('error:wrong-service')
    expect(moodleTag('t'.repeat(50))).toBe('t'.repeat(50))
  })

  it('shortens a longer tag to its kind, the end of its slug and a hash of the whole tag', () => {
    const tag = 'topic:data-preparation-and-feature-engineering/data-splitting-and-leakage'
    const short = moodleTag(tag)
    expect(short.length).toBeLessThanOrEqual(50)
    expect(short).toBe(`topic:data-splitting-and-leakage~${hashHex(tag, 8)}`)
    expect(moodleTag(tag)).toBe(short)
    expect(moodleTag('x'.repeat(80)).length).toBeLessThanOrEqual(50)
  })
})

describe.each(testBanks())('Moodle-safe tags in $name', ({ bank }) => {
  const tags = bankTags(bank)

  it.each(['gift', 'moodle'] as const)('%s: every tag at most 50 characters, one per bank tag, none merged', (format) => {
    const out = written[format](bank)
    expect(out.length).toBeGreaterThan(0)
    for (const tag of out) expect(tag.length, tag).toBeLessThanOrEqual(moodleTagMax)
    const names = new Set(out.map((t) => t.toLowerCase()))
    // Every bank tag a written question carries appears, each under its own name.
    const used = [...tags].filter((tag) => out.includes(moodleTag(tag)))
    expect(names.size).toBe(used.length)
    expect(new Set(used.map((t) => moodleTag(t).toLowerCase())).size).toBe(used.length)
  })

  it('maps distinct tags to distinct names across the whole bank', () => {
    const names = new Set([...tags].map((t) => moodleTag(t).toLowerCase()))
    expect(names.size).toBe(tags.size)
  })
})
