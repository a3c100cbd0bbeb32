/**
 * `npm run readme`: re-render the sample items of README.md from the committed
 * bank. The section between `<!-- items: <bank> <id> <id> ... -->` and
 * `<!-- /items -->` is replaced by those items as a reader sees them.
 *
 *   --check  exit 1 when the README's items differ from the bank (a test does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Bank } from '../bank/schema.js'
import { itemsMarkdown } from '../exports/markdown.js'

const section = /(<!-- items: ([a-z0-9-]+) ([^>]*?) -->\n)([\s\S]*?)(<!-- \/items -->)/

/** The README with its items section re-rendered; `load` gives a bank by id. */
export function renderReadme(readme: string, load: (bank: string) => Bank): string {
  const match = section.exec(readme)
  if (match === null) throw new Error('README.md has no `<!-- items: <bank> <ids> -->` … `<!-- /items -->` section')
  const ids = (match[3] ?? '').split(/\s+/).filter((id) => id !== '')
  const body = `\n${itemsMarkdown(load(match[2] ?? ''), ids)}\n\n`
  return readme.replace(section, (_all, open: string, _bank, _ids, _old, close: string) => `${open}${body}${close}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.cwd()
  const path = join(root, 'README.md')
  const readme = readFileSync(path, 'utf8')
  const next = renderReadme(readme, (bank) => Bank.parse(JSON.parse(readFileSync(join(root, 'generated', bank, 'bank.json'), 'utf8'))))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write('README.md items differ from the bank: run `npm run readme`\n')
      process.exitCode = 1
    }
  } else if (next !== readme) {
    writeFileSync(path, next)
    process.stdout.write('README.md: items re-rendered\n')
  }
}
