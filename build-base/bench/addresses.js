// The mixed set of addresses every part of the benchmark uses: what a partner sign-up form
// receives, with the sample registry (data/partners.sample.json) as the partner registry.
// `expect` is the verdict the service is meant to give ('ACCEPTED' or the first reason code);
// the in-process part checks it, so that a drifting mix is noticed rather than measured.
const a = (category, email, expect, lang = 'ja') => ({ email, lang, category, expect });
export const ADDRESSES = [
    // Valid addresses at partners of the sample registry (a subdomain matches its parent).
    a('partner', 'taro@acme.example.co.jp', 'ACCEPTED'),
    a('partner', 'hanako.yamada@acme.example.co.jp', 'ACCEPTED', 'en'),
    a('partner', 'taro+signup@acme.example.co.jp', 'ACCEPTED'),
    a('partner', 'j.smith@cloud.acme.example.co.jp', 'ACCEPTED', 'en'),
    a('partner', 'sales@acme-cloud.example.jp', 'ACCEPTED'),
    a('partner', 'info@sakura-soft.example.jp', 'ACCEPTED'),
    a('partner', 'kenji.sato@osaka.sakura-soft.example.jp', 'ACCEPTED'),
    a('partner', 'support@example-training.example.co.jp', 'ACCEPTED', 'en'),
    a('partner', 'Ichiro.Suzuki@ACME.Example.CO.JP', 'ACCEPTED'),
    // Not well-formed.
    a('invalid-syntax', 'taro..yamada@acme.example.co.jp', 'INVALID_SYNTAX'),
    a('invalid-syntax', 'taro.acme.example.co.jp', 'INVALID_SYNTAX', 'en'),
    a('invalid-syntax', 'taro@@acme.example.co.jp', 'INVALID_SYNTAX'),
    a('invalid-syntax', '.taro@acme.example.co.jp', 'INVALID_SYNTAX'),
    a('invalid-syntax', 'taro@acme', 'INVALID_SYNTAX', 'en'),
    a('invalid-syntax', '"taro yamada"@acme.example.co.jp', 'INVALID_SYNTAX'),
    a('invalid-syntax', 'taro@[192.168.0.1]', 'INVALID_SYNTAX', 'en'),
    a('invalid-syntax', 'taro yamada@acme.example.co.jp', 'INVALID_SYNTAX'),
    a('invalid-syntax', 'taro@acme.example.co.jp.', 'INVALID_SYNTAX'),
    a('invalid-syntax', 'taro@localhost', 'INVALID_SYNTAX', 'en'),
    a('invalid-syntax', 'taro@-acme.example.co.jp', 'INVALID_SYNTAX'),
    // Japanese input: IME full-width, ideographic full stops and spaces, IDN, Japanese local
    // part, an invisible character picked up by copy and paste.
    a('japanese-input', 'ｔａｒｏ＠ａｃｍｅ．ｅｘａｍｐｌｅ．ｃｏ．ｊｐ', 'FULLWIDTH_CHARACTERS'),
    a('japanese-input', 'taro@acme。example。co。jp', 'FULLWIDTH_CHARACTERS'),
    a('japanese-input', 'ｈａｎａｋｏ@docomo.ne.jp', 'FULLWIDTH_CHARACTERS'),
    a('japanese-input', '\u3000taro@acme.example.co.jp\u3000', 'ACCEPTED'),
    a('japanese-input', '山田@acme.example.co.jp', 'NON_ASCII_LOCAL_PART'),
    a('japanese-input', 'taro@さくらソフト.example.jp', 'ACCEPTED'),
    a('japanese-input', 'info@日本語ドメイン.jp', 'NOT_PARTNER'),
    a('japanese-input', 'taro\u200b@acme.example.co.jp', 'INVALID_SYNTAX'),
    // Free mail: global webmail, Japanese carriers, ISPs (with per-user subdomains) and portals.
    a('free-mail', 'taro.yamada@gmail.com', 'FREE_MAIL', 'en'),
    a('free-mail', 'hanako@docomo.ne.jp', 'FREE_MAIL'),
    a('free-mail', 'user1234@yahoo.co.jp', 'FREE_MAIL'),
    a('free-mail', 'k.sato@ezweb.ne.jp', 'FREE_MAIL'),
    a('free-mail', 'mika@i.softbank.jp', 'FREE_MAIL'),
    a('free-mail', 'rose@rose.ocn.ne.jp', 'FREE_MAIL'),
    a('free-mail', 'someone@outlook.com', 'FREE_MAIL', 'en'),
    a('free-mail', 'ken@nifty.com', 'FREE_MAIL'),
    a('free-mail', 'yui@hotmail.co.jp', 'FREE_MAIL'),
    // Disposable.
    a('disposable', 'someone@mailinator.com', 'DISPOSABLE', 'en'),
    a('disposable', 'trial@guerrillamail.com', 'DISPOSABLE'),
    a('disposable', 'temp@10minutemail.com', 'DISPOSABLE', 'en'),
    a('disposable', 'x1@yopmail.com', 'DISPOSABLE'),
    a('disposable', 'signup@sharklasers.com', 'DISPOSABLE'),
    // Well-formed, at companies that are not partners.
    a('unknown-company', 'taro@unknown-company.co.jp', 'NOT_PARTNER'),
    a('unknown-company', 'j.doe@contoso.com', 'NOT_PARTNER', 'en'),
    a('unknown-company', 'sales@example-corp.jp', 'NOT_PARTNER'),
    a('unknown-company', 'tanaka@sub.dept.bigcorp.co.jp', 'NOT_PARTNER'),
    a('unknown-company', 'info@fabrikam.co.jp', 'NOT_PARTNER', 'en'),
];
/** How many addresses of each category the mix holds, for the report. */
export function categoryCounts(list = ADDRESSES) {
    const counts = { partner: 0, 'invalid-syntax': 0, 'japanese-input': 0, 'free-mail': 0, disposable: 0, 'unknown-company': 0 };
    for (const x of list)
        counts[x.category]++;
    return counts;
}
//# sourceMappingURL=addresses.js.map