import { parse } from 'gift-pegjs'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/exports/index.js'
import { exportBank, exportFormat, exportFormats } from '../../src/exports/index.js'
import { child, findAll, fixturePath, htmlToText, loadBank, parseXml, plain, textOf, unzip } from './helpers.js'

const bank = loadBank(fixturePath)

function bytes(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content
}

describe('exports', () => {
  it('should expose the public api', () => {
    expect(Object.keys(api).sort()).toEqual(['exportBank', 'exportFormat', 'exportFormats', 'exportTarget'])
    expect(exportFormats).toEqual(['qti21', 'qti30', 'gift', 'moodle', 'anki'])
  })

  it('should write the five files in a fixed order with their content types', () => {
    expect(exportBank(bank).map(({ path, contentType }) => [path, contentType])).toEqual([
      ['qti21.zip', 'application/zip'],
      ['qti30.zip', 'application/zip'],
      ['bank.gift', 'text/plain; charset=utf-8'],
      ['moodle.xml', 'application/xml; charset=utf-8'],
      ['anki.tsv', 'text/tab-separated-values; charset=utf-8'],
    ])
  })

  it('should serve each format alone with a download name, the same bytes as exportBank', () => {
    const files = exportBank(bank, { title: 'T' })
    for (const [index, format] of exportFormats.entries()) {
      const single = exportFormat(bank, format, { title: 'T' })
      expect(single.filename).toBe(`fixture-${files[index]!.path}`)
      expect(single.contentType).toBe(files[index]!.contentType)
      expect(bytes(single.body)).toEqual(bytes(files[index]!.content))
    }
  })

  it('should be deterministic: the same bytes twice, and in any time zone', () => {
    const saved = process.env.TZ
    try {
      process.env.TZ = 'UTC'
      const first = exportBank(bank).map((file) => bytes(file.content))
      process.env.TZ = 'Pacific/Kiritimati'
      const second = exportBank(bank).map((file) => bytes(file.content))
      process.env.TZ = 'America/Los_Angeles'
      const third = exportBank(bank).map((file) => bytes(file.content))
      expect(second).toEqual(first)
      expect(third).toEqual(first)
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it('should keep only the items the filter accepts, case studies whole', () => {
    const domain3 = exportFormat(bank, 'anki', { filter: (item) => item.domain === '3' }).body as string
    const ids = domain3
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.split('\t')[0])
    expect(ids).toEqual(['order-lifecycle', 'case-retail-q1', 'case-retail-q2'])
    const none = exportFormat(bank, 'qti21', { filter: () => false }).body as Uint8Array
    expect(unzip(none).map((file) => file.path)).toEqual(['imsmanifest.xml', 'assessment-test.xml'])
  })

  it('should carry the hostile question (~ = # { } : < > & " \' and Markdown) unchanged through every format', () => {
    const hostile = bank.items.find((item) => item.id === 'hostile-single')
    if (hostile?.type !== 'single') throw new Error('fixture lost its hostile question')
    for (const char of ['~', '=', '#', '{', '}', ':', '<', '>', '&', '"', "'", '**', '`', '[', '\n']) expect(hostile.stem).toContain(char)
    const stem = plain(hostile.stem)
    const files = new Map(exportBank(bank).map((file) => [file.path, file.content]))
    const seen: Record<string, string> = {}

    for (const zip of ['qti21.zip', 'qti30.zip']) {
      const item = unzip(files.get(zip) as Uint8Array).find((file) => file.path === 'items/hostile-single.xml')!
      const body = parseXml(item.content)
      const paragraphs = findAll(body, 'p').slice(0, 2)
      seen[zip] = paragraphs.map((p) => textOf(p)).join('\n\n')
    }
    const gift = parse(files.get('bank.gift') as string).find((question) => question.id === 'hostile-single')!
    if (gift.type === 'Category') throw new Error('unexpected category')
    seen['bank.gift'] = htmlToText(gift.stem.text)
    const moodle = findAll(parseXml(files.get('moodle.xml') as string), 'question').find(
      (question) => question.attrs.type !== 'category' && textOf(child(question, 'idnumber')) === 'hostile-single',
    )!
    seen['moodle.xml'] = htmlToText(textOf(child(child(moodle, 'questiontext'), 'text')))
    const note = (files.get('anki.tsv') as string).split('\n').find((line) => line.startsWith('hostile-single\t'))!
    seen['anki.tsv'] = htmlToText(note.split('\t')[1]!).split('\n\n').slice(0, 2).join('\n\n')

    expect(seen).toEqual(Object.fromEntries(['qti21.zip', 'qti30.zip', 'bank.gift', 'moodle.xml', 'anki.tsv'].map((path) => [path, stem])))
  })
})
