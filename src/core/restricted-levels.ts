// Second levels whose registry lets only a registered organisation hold a name: a domain under
// one is some organisation's own, never a consumer's slip for a webmail domain. Each line names
// the registry rule it rests on.
// Stryker disable StringLiteral: a sourced data table; mutation testing is for the logic, and each entry is data
const RESTRICTED = new Set([
  // JPRS, 属性型JPドメイン名 (https://jprs.jp/about/dom-rule/): one per registered company,
  // organisation, school, government body, local authority, education body, group, network service.
  'co.jp', 'or.jp', 'ac.jp', 'go.jp', 'lg.jp', 'ed.jp', 'gr.jp', 'ad.jp',
  // KISA (https://krnic.kisa.or.kr/): non-profit organisations, universities, research, government.
  'or.kr', 'ac.kr', 'go.kr', 're.kr', 'mil.kr',
  // CNNIC: universities and government (https://www.cnnic.cn/).
  'edu.cn', 'gov.cn',
  // TWNIC (https://www.twnic.tw/): schools and government.
  'edu.tw', 'gov.tw',
  // HKIRC: Hong Kong business registration required (https://www.hkirc.hk/).
  'com.hk', 'edu.hk', 'gov.hk', 'org.hk',
  // SGNIC (https://www.sgnic.sg/): schools and government.
  'edu.sg', 'gov.sg',
  // THNIC (https://www.thnic.co.th/): registered companies, academies, government, organisations.
  'co.th', 'ac.th', 'go.th', 'or.th',
  // PANDI (https://pandi.id/): company documents, academies, government.
  'co.id', 'ac.id', 'go.id',
  // auDA (https://www.auda.org.au/): an Australian business number, schools, government.
  'com.au', 'net.au', 'edu.au', 'gov.au',
  // Jisc and the UK government for ac.uk and gov.uk; NZ government for govt.nz.
  'ac.uk', 'gov.uk', 'nhs.uk', 'govt.nz', 'ac.nz',
  // NIXI (https://www.registry.in/): academies, government, research.
  'ac.in', 'edu.in', 'gov.in', 'res.in',
])
// Stryker restore StringLiteral

/** Whether a lower-case ASCII domain sits under a registrant-restricted second level. */
export function underRestrictedLevel(asciiDomain: string): boolean {
  for (let dot = asciiDomain.indexOf('.'); dot >= 0; dot = asciiDomain.indexOf('.', dot + 1)) {
    if (RESTRICTED.has(asciiDomain.slice(dot + 1))) return true
  }
  return false
}
