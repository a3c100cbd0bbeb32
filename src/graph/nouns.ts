/** English plural of a noun phrase's last word: "strategy" → "strategies", "approach" → "approaches", "service" → "services". */
export function pluralNoun(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies'
  if (/(s|x|z|ch|sh)$/.test(noun)) return noun + 'es'
  return noun + 's'
}
