/**
 * /docs in headless Chromium (Debian's chromium, driven by playwright-core):
 * the page lists the operations, and loads nothing from outside this server.
 * Without /usr/bin/chromium the test is skipped, and says so.
 */
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { type Server, startServer } from './server.js'

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const hasChromium = existsSync(executablePath)
const skipNote = `SKIPPED the /docs browser test: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`
if (!hasChromium) console.warn(skipNote)

let server: Server | undefined
afterAll(async () => {
  await server?.stop()
})

describe('/docs in headless Chromium', () => {
  it('shows every operation, with every asset served by us', async (ctx) => {
    if (!hasChromium) return ctx.skip(skipNote)
    server = await startServer()
    // Playwright starts Chromium with a new, empty profile of its own.
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    try {
      const page = await browser.newPage()
      const origin = new URL(server.url).origin
      const foreign: string[] = []
      const failed: string[] = []
      const errors: string[] = []
      page.on('request', (request) => {
        const url = new URL(request.url())
        if (url.protocol.startsWith('http') && url.origin !== origin) foreign.push(request.url())
      })
      page.on('requestfailed', (request) => failed.push(request.url()))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      await page.goto(`${server.url}/docs`)
      await page.waitForSelector('.opblock', { timeout: 20_000 })
      const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, object> }
      const documented = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0)
      expect(documented).toBeGreaterThanOrEqual(17)
      expect(await page.locator('.opblock').count()).toBe(documented)
      const text = await page.locator('#swagger-ui').innerText()
      expect(text).toContain('quizgraph API')
      for (const path of ['/v1/banks/{bank}/questions', '/v1/banks/{bank}/exams/{id}/grade', '/openapi.json']) expect(text).toContain(path)
      expect(await page.locator('.errors-wrapper').count(), 'Swagger UI found errors in the document').toBe(0)
      expect(foreign, 'requests outside this server').toEqual([])
      expect(failed, 'failed requests').toEqual([])
      expect(errors.filter((e) => /Content Security Policy|Refused/.test(e)), 'CSP violations').toEqual([])

      // The reference is interactive: expand an operation and try it out against this server.
      await page.locator('.opblock-summary', { hasText: '/healthz' }).first().click()
      await page.getByRole('button', { name: 'Execute' }).first().click()
      await page.waitForSelector('.responses-wrapper .live-responses-table', { timeout: 10_000 })
      expect(await page.locator('.live-responses-table').first().innerText()).toContain('"status": "ok"')
    } finally {
      await browser.close()
    }
  }, 60_000)
})
