/**
 * `npm run new-bank -- <id> "<title>"`: scaffold content/<id>/ — the bank's
 * facts, one domain and task, a catalog and one rules table, each with its
 * declaration — then generate and audit it, so the new bank is served by
 * `npm start` at once. Replace the example rows with the exam's own.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runAudit } from './audit.js'
import { run as generate } from './generate.js'

export interface ScaffoldFile {
  /** Path relative to the project root. */
  path: string
  text: string
}

/** The files of a new bank: pure, so the tests check exactly what is written. */
export function scaffold(id: string, title: string): ScaffoldFile[] {
  const folder = `content/${id}`
  return [
    {
      path: `${folder}/00-bank.md`,
      text: `# ${title}

Question bank for ${title}. Replace this paragraph with what the exam covers: it becomes the bank's description.

## Exam format

Write the exam's published facts. \`Scored questions\` and \`Score scale\` are optional: without a scale, scores are percentages and the passing score is one (\`70%\`).

<!-- quizgraph bank
id: ${id}
title: ${title}
role: candidate
organization: team
-->
| Fact | Value |
| --- | --- |
| Questions | 20 |
| Minutes | 30 |
| Passing score | 70% |

## Item types

Only the types declared here are generated, and the audit expects each of them.

<!-- quizgraph item-types -->
| Type | Name | Shape | Scoring |
| --- | --- | --- | --- |
| single | Multiple choice | 1 correct response and 3 distractors | Right or wrong |
| matching | Matching | Responses matched to 3–7 prompts | All pairs must be matched correctly |

## Domains

Every domain needs at least one rules table (weights sum to 100%).

<!-- quizgraph domains -->
| Domain | Title | Weight |
| --- | --- | --- |
| 1 | Fundamentals | 100% |

## Task statements

<!-- quizgraph tasks -->
| Task | Domain | Title |
| --- | --- | --- |
| 1.1 | 1 | Choose the right format for the job |
`,
    },
    {
      path: `${folder}/01-catalog.md`,
      text: `# Answer catalog

Every answer the review sheet names, written as it must appear in a sentence: proper names with their capitals, common nouns in lower case, commands and code in backticks. Kind groups answers that can stand as options of one question.

<!-- quizgraph catalog -->
| Answer | Aliases | Category | Kind | Scope |
| --- | --- | --- | --- | --- |
| JSON | JavaScript Object Notation | Text format | format | in |
| YAML | YAML Ain't Markup Language | Text format | format | in |
| CSV | comma-separated values | Text format | format | in |
| Protocol Buffers | protobuf | Binary format | format | in |
| XML | Extensible Markup Language | Text format | format | in |
| TOML | | Text format | format | in |
`,
    },
    {
      path: `${folder}/10-fundamentals.md`,
      text: `# Fundamentals

## Data formats
<!-- quizgraph section
task: 1.1
-->

An example rules table: one decision per row. Replace it with the exam's own tables; each needs a declaration like this one.

<!-- quizgraph rules
id: data-formats
cue: Need
cue-kind: need
answer: Format
reason: Why
stem: Which format best fits this need: {cue:lower}?
stem: A team needs to {cue:lower}. Which format should it choose?
-->
| Need | Format | Why |
| --- | --- | --- |
| Exchange records with a web API | JSON | The lingua franca of HTTP APIs, read by every language |
| Write configuration by hand, with comments | YAML | Indentation instead of brackets, and comments |
| Open a flat table in a spreadsheet | CSV | One record per line, one field per comma |
| Send typed messages between services with a shared schema | Protocol Buffers | Compact binary encoding generated from a schema |
`,
    },
  ]
}

export function newBank(root: string, id: string | undefined, title: string | undefined, log: (line: string) => void): number {
  if (id === undefined || !/^[a-z0-9][a-z0-9-]*$/.test(id) || title === undefined || title.trim() === '') {
    log('usage: npm run new-bank -- <id> "<title>"   (id: a lower-case slug like `az-104`)')
    return 1
  }
  const folder = join(root, 'content', id)
  if (existsSync(folder)) {
    log(`content/${id} already exists: nothing written`)
    return 1
  }
  mkdirSync(folder, { recursive: true })
  for (const file of scaffold(id, title.trim())) {
    writeFileSync(join(root, file.path), file.text)
    log(`wrote ${file.path}`)
  }
  if (generate(root, false, log) !== 0) return 1
  if (runAudit(root, [id], log) !== 0) return 1
  log(`\ncontent/${id}/ generates and passes the audit. Next: npm start, then GET /v1/banks/${id}; edit content/${id}/ and run npm run generate.`)
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [id, title] = process.argv.slice(2)
  process.exitCode = newBank(process.cwd(), id, title, (line) => process.stderr.write(line + '\n'))
}
