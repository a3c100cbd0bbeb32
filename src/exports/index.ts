/**
 * LMS exports: pure functions from a bank to files. No file-system access;
 * the CLI writes `exportBank`'s files, the API serves `exportFormat`'s body.
 */
import type { Bank, Item } from '../bank/schema.js'
import { anki } from './anki.js'
import { gift } from './gift.js'
import { moodle } from './moodle.js'
import { qti21 } from './qti21.js'
import { qti30 } from './qti30.js'

export const exportFormats = ['qti21', 'qti30', 'gift', 'moodle', 'anki'] as const
export type ExportFormat = (typeof exportFormats)[number]

export interface ExportOptions {
  /** Keep only the items for which this returns true (a case study is kept or dropped whole). */
  readonly filter?: (item: Item) => boolean
  /** Test title (QTI) and deck name (Anki). Default: the bank id. */
  readonly title?: string
}

export interface ExportFile {
  /** Path relative to the export folder, e.g. `qti21.zip`. */
  readonly path: string
  readonly content: Uint8Array | string
  readonly contentType: string
}

export interface ExportedFormat {
  /** A download name: `<bank>-<path>`, for example `mla-c01-qti21.zip`. */
  readonly filename: string
  readonly contentType: string
  readonly body: Uint8Array | string
}

const emptyOptions: ExportOptions = {}

interface Writer {
  readonly path: string
  readonly contentType: string
  readonly write: (bank: Bank, title: string) => Uint8Array | string
}

const writers: Record<ExportFormat, Writer> = {
  qti21: { path: 'qti21.zip', contentType: 'application/zip', write: qti21 },
  qti30: { path: 'qti30.zip', contentType: 'application/zip', write: qti30 },
  gift: { path: 'bank.gift', contentType: 'text/plain; charset=utf-8', write: gift },
  moodle: { path: 'moodle.xml', contentType: 'application/xml; charset=utf-8', write: (bank) => moodle(bank) },
  anki: { path: 'anki.tsv', contentType: 'text/tab-separated-values; charset=utf-8', write: anki },
}

/** The path and content type a format is written with. */
export function exportTarget(format: ExportFormat): { path: string; contentType: string } {
  const { path, contentType } = writers[format]
  return { path, contentType }
}

function prepare(bank: Bank, options: ExportOptions | undefined): { bank: Bank; title: string } {
  const settings = options ?? emptyOptions
  const filter = settings.filter
  return {
    bank: filter ? { ...bank, items: bank.items.filter((item) => filter(item)) } : bank,
    title: settings.title ?? bank.bank,
  }
}

/** One format, for the API: `GET /v1/banks/{bank}/exports/{format}`. */
export function exportFormat(bank: Bank, format: ExportFormat, options?: ExportOptions): ExportedFormat {
  const writer = writers[format]
  const prepared = prepare(bank, options)
  return {
    filename: `${bank.bank}-${writer.path}`,
    contentType: writer.contentType,
    body: writer.write(prepared.bank, prepared.title),
  }
}

/** Every format, in a fixed order, for `generated/<bank>/exports/`. */
export function exportBank(bank: Bank, options?: ExportOptions): ExportFile[] {
  const prepared = prepare(bank, options)
  return exportFormats.map((format) => {
    const writer = writers[format]
    return { path: writer.path, content: writer.write(prepared.bank, prepared.title), contentType: writer.contentType }
  })
}
