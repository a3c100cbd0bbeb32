import { describe, expect, it } from 'vitest'
import { parseCorsOrigins } from '../../src/api/app.js'

describe('CORS_ORIGINS', () => {
  it('allows any origin when unset, empty or `*`', () => {
    expect(parseCorsOrigins(undefined)).toBe('*')
    expect(parseCorsOrigins(' , ')).toBe('*')
    expect(parseCorsOrigins('https://a.example,*')).toBe('*')
  })

  it('reads a comma-separated list, trimmed', () => {
    expect(parseCorsOrigins(' https://a.example , https://b.example ')).toEqual(['https://a.example', 'https://b.example'])
  })
})
