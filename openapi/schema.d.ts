// Generated from openapi/openapi.json by `npm run openapi` (openapi-typescript): do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is alive */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: a registry is loaded and the instance is not draining
         * @description Also reports the registry serving and the result of its last reload: a failed reload leaves the last good registry serving, so the instance stays ready.
         */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/registry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The partner registry serving, where it is read from, and why its last reload failed
         * @description What /readyz leaves out for strangers, behind the API keys when keys are configured: the source, the error of a failed reload, and the load warnings.
         */
        get: operations["registryStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Requests and latency by route and status, verdicts by reason code, registry size and the time and result of the last registry load, and the process’s own metrics.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/validate-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an email address before a partner account is created
         * @description Answers 200 with a verdict for every well-formed request, whatever the address: form, Japanese IME input, disposable, free mail and partner registry, with reason codes and messages in the language of Accept-Language.
         *
         *     パートナーアカウント作成前にメールアドレスを検証します。形式、全角入力、使い捨て・フリーメール、パートナー登録の有無を判定し、理由コードと、Accept-Language（ja または en）に応じたフォーム利用者向けのメッセージを返します。本文の上限は BODY_LIMIT（既定 16 KiB）です。
         */
        post: operations["validateEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/validate-email/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check up to 1,000 addresses in one request (bulk imports)
         * @description Each address gets the verdict POST /validate-email would give it, in the order sent. With checkDeliverability, each distinct domain is looked up once. The body may be up to 512 KiB (BODY_LIMIT when that is larger), so that 1,000 long addresses fit.
         *
         *     最大1,000件のアドレスを一括で検証します（一括登録向け）。各アドレスに /validate-email と同じ判定を送信順に返します。本文の上限はこのエンドポイント独自で、512 KiB（BODY_LIMIT の方が大きい場合はその値）です。
         */
        post: operations["validateEmailBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/validate-email/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check any number of addresses over one request, as NDJSON (audits of existing accounts)
         * @description Send `Content-Type: application/x-ndjson` and one JSON object a line, each the body POST /validate-email takes (`email`, optional `partnerType` and `checkDeliverability`). The answer is NDJSON too: one line per line sent, in order, each the verdict POST /validate-email would give, written as the lines are checked. The request is read only as fast as the answer is read, so a client can send millions of lines over one request.
         *
         *     A malformed line (not JSON, an empty line, `email` missing, an unknown partnerType) is answered with one problem line carrying its `line` number, and the stream goes on. A line longer than BODY_LIMIT bytes is answered with PAYLOAD_TOO_LARGE. With STREAM_MAX_LINES set, the line past it is answered with TOO_MANY_LINES and the answer ends. A stream on which nothing is sent or read for REQUEST_TIMEOUT_MS ends with REQUEST_TIMEOUT. The whole stream is checked against one registry, the one serving when it started. API keys and the rate limit are those of the batch endpoint.
         *
         *     既存アカウントの監査向けに、1回のリクエストで件数の上限なくアドレスを検証します。Content-Type: application/x-ndjson で1行に1つ、/validate-email と同じ JSON を送ると、各行に同じ判定を送信順に1行ずつ NDJSON で返します。不正な行には行番号（line）付きの問題を1行返し、続きの行も検証します。1行の上限は BODY_LIMIT、行数の上限は STREAM_MAX_LINES（0 で無制限）です。
         */
        post: operations["validateEmailStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/domains/{domain}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How the service classifies a domain, and why
         * @description For the helpdesk ("why was this address refused?"): free mail, disposable or partner, with the list and entry that matched, exemptions, and typo or look-alike findings.
         *
         *     ヘルプデスク向け: ドメインがフリーメール・使い捨て・パートナーのいずれに分類されるか、該当したリストと項目、例外、入力間違いや類似ドメインの判定を返します。
         */
        get: operations["describeDomain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the seven partner types
         * @description Every partner type of the partner programme with its English (contract) and Japanese (portal) name, in the programme’s order.
         *
         *     パートナープログラムの7つのパートナータイプを、英語名（契約）と日本語名（ポータル）で返します。
         */
        get: operations["listPartnerTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner-types/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Resolve a partner type name, in any reasonable spelling, to its type
         * @description Accepts the English or Japanese name in any case, width or spacing (ﾘｾﾗｰ, Alliance Partners / OEM), without the final long-vowel mark (システムインテグレータ), common short names (ISV, SIer, Reseller, OEM) and one typo. An unknown name gets 404 with the closest types.
         *
         *     英語・日本語のどちらの名前でも、大文字小文字・全角半角・空白の違いや略称、1文字の入力間違いを許容してパートナータイプを解決します。見つからない場合は 404 と近い候補を返し、空白だけの名前は 400 です。
         */
        get: operations["lookupPartnerType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One partner type, by id
         * @description One partner type, by id
         *
         *     ID で指定したパートナータイプを返します。
         */
        get: operations["getPartnerType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The result of the DNS deliverability check. */
        Deliverability: {
            /**
             * @description deliverable: a mail host answers for the domain; no-mail-server: none can (NO_MAIL_SERVER); unknown: DNS did not answer in time (DELIVERABILITY_UNKNOWN).
             * @enum {string}
             */
            status: "deliverable" | "no-mail-server" | "unknown";
            /**
             * @description mx: MX records; address-fallback: no MX but A/AAAA (RFC 5321 5.1); null-mx: RFC 7505 null MX; no-domain: NXDOMAIN; no-records: neither MX nor A/AAAA; timeout and dns-error: no answer within DNS_TIMEOUT_MS.
             * @enum {string}
             */
            detail: "mx" | "address-fallback" | "null-mx" | "no-domain" | "no-records" | "timeout" | "dns-error";
            /** @description The MX hosts, most preferred first (empty unless detail is mx). */
            mailHosts: string[];
            /** @description The answer came from the cache (kept for the DNS records’ TTL). */
            cached: boolean;
        };
        /** @description How the service classifies a domain, and why: for the helpdesk. */
        DomainReport: {
            /** @description The domain as asked for. */
            input: string;
            /** @description The domain is well-formed for email. */
            valid: boolean;
            /** @description The rule it breaks, when not valid. */
            rule: components["schemas"]["SyntaxRule"] | null;
            /** @description Normalized, in Unicode. */
            domain: string | null;
            /** @description Normalized, in ASCII (punycode). */
            ascii: string | null;
            /**
             * @description How an address at this domain is classified (before the checks of the address itself).
             * @enum {string}
             */
            classification: "partner" | "free-mail" | "disposable" | "unknown" | "invalid";
            /** @description The list entry that matched, or null. */
            listed: {
                /**
                 * @description Which kind of list.
                 * @enum {string}
                 */
                kind: "disposable" | "free";
                /** @description The list, with its version. */
                list: string;
                /** @description The listed domain that matched: this one or a parent. */
                entry: string;
                /** @description Every list that names the entry, the deciding one first. */
                sources: {
                    /** @enum {string} */
                    kind: "disposable" | "free";
                    list: string;
                }[];
                /** @description The precedence rule that decided the class, in words. */
                precedence: string;
            } | null;
            /** @description Set when a curated list knows the domain as an organisation’s own: no list entry refuses it. */
            organisation: {
                /** @description The curated list of organisation domains. */
                list: string;
                /** @description Whose domain it is, and why it is not personal mail. */
                reason: string;
                /** @description The free-mail or disposable lists that name it and are overruled. */
                overrules: {
                    /** @enum {string} */
                    kind: "disposable" | "free";
                    list: string;
                }[];
            } | null;
            /** @description The domain or a parent is in the registry’s exemptDomains. */
            exempt: boolean;
            /** @description The domain is itself a public suffix (co.jp, github.io): nothing may match it. */
            publicSuffix: boolean;
            /** @description Registered partners whose domain matches, most specific first. */
            partners: {
                /** @description Partner id. */
                id: string;
                /** @description Company name. */
                name: string;
                /** @description English names of its partner types. */
                partnerTypes: string[];
                /** @description The registered domain that matched. */
                matchedDomain: string;
            }[];
            /** @description The known domain this one is probably a typo of (POSSIBLE_TYPO), or null. */
            possibleTypoOf: string | null;
            /** @description Set when addresses at this domain get CONFUSABLE_DOMAIN. */
            lookalike: {
                /**
                 * @description Why it counts as a look-alike (CONFUSABLE_DOMAIN).
                 * @enum {string}
                 */
                kind: "dash" | "mixed-scripts" | "lookalike";
                /** @description The domain it imitates, when known. */
                of: string | null;
            } | null;
        };
        /** @description Liveness. */
        Health: {
            /**
             * @description Always "ok": the process answers.
             * @constant
             */
            status: "ok";
        };
        /**
         * @description Language of the messages, chosen from Accept-Language (ja or en; default en).
         * @enum {string}
         */
        Lang: "en" | "ja";
        /** @description Which list and entry a list-based reason comes from. */
        ListSource: {
            /** @description The list that matched, e.g. "disposable-email-domains@1.0.62" or "curated Japanese consumer mail list". */
            list: string;
            /** @description The listed domain that matched: the address’s domain or one of its parents. */
            entry: string;
        };
        /** @description A registered partner whose domain matches the address. */
        PartnerMatch: {
            /** @description The partner’s id in the registry. */
            id: string;
            /** @description The company’s name, as in the registry. */
            name: string;
            /** @description English names of the partner types the company holds (empty when the registry does not say). */
            partnerTypes: string[];
            /** @description The same types, by id. */
            partnerTypeIds: components["schemas"]["PartnerTypeId"][];
            /** @description The registered domain that matched: the address’s domain or a parent of it. */
            matchedDomain: string;
        };
        /** @description A partner type of the partner programme. */
        PartnerType: {
            /** @description Stable kebab-case id. */
            id: components["schemas"]["PartnerTypeId"];
            /** @description English name, as in the partner contract. */
            en: string;
            /** @description Japanese name, as shown in the portal. */
            ja: string;
            /** @description Other names people use for it (short names, alternative spellings) that lookup accepts. */
            aliases: string[];
        };
        /**
         * @description Stable id of a partner type:
         *     - `independent-software-vendor`: Independent Software Vendor / 独立系ソフトウェアベンダー
         *     - `solution-provider`: Solution Provider / リセラー
         *     - `training`: Training / Training
         *     - `system-integrator`: System Integrator / システムインテグレーター
         *     - `alliance-partners-oem`: Alliance Partners/OEM / アライアンスパートナー/OEM
         *     - `embedded`: Embedded / Embedded
         *     - `service-cloud-provider`: Service/Cloud Provider / サービス/クラウドプロバイダー
         * @enum {string}
         */
        PartnerTypeId: "independent-software-vendor" | "solution-provider" | "training" | "system-integrator" | "alliance-partners-oem" | "embedded" | "service-cloud-provider";
        /** @description The partner programme’s partner types. */
        PartnerTypeList: {
            /** @description All seven, in the programme’s order. */
            partnerTypes: components["schemas"]["PartnerType"][];
        };
        PartnerTypeLookup: {
            /** @description Stable kebab-case id. */
            id: components["schemas"]["PartnerTypeId"];
            /** @description English name, as in the partner contract. */
            en: string;
            /** @description Japanese name, as shown in the portal. */
            ja: string;
            /** @description Other names people use for it (short names, alternative spellings) that lookup accepts. */
            aliases: string[];
            /** @description The name as asked for. */
            query: string;
            /**
             * @description name: the English or Japanese name or the id, in any width, case or spacing; alias: a known short or alternative name; approximate: one typo away from one of those.
             * @enum {string}
             */
            match: "name" | "alias" | "approximate";
        };
        /** @description RFC 9457 problem details, served as application/problem+json. */
        Problem: {
            /** @description A URI reference naming the kind of problem. */
            type: string;
            /** @description Short summary of the kind of problem; the same for every occurrence. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What was wrong with this request and how to fix it. */
            detail: string;
            /** @description The path of the request. */
            instance?: string;
            /** @description Stable machine-readable code of the problem. */
            code: string;
            /** @description The request id (also in the x-request-id header); quote it to the operators. */
            requestId?: string;
            /** @description For validation problems: each field at fault. */
            errors?: {
                path: string;
                message: string;
            }[];
            /** @description For an unknown partnerType: every valid partner type. */
            validTypes?: components["schemas"]["PartnerType"][];
            /** @description For a partner type not found: the closest known types. */
            suggestions?: components["schemas"]["PartnerType"][];
            /** @description In a stream (POST /validate-email/stream): the 1-based number of the line this problem answers. */
            line?: number;
        };
        /** @description Readiness and, in a word, the state of the partner registry. */
        Readiness: {
            /**
             * @description ready: send traffic; draining: shutting down, send it elsewhere.
             * @enum {string}
             */
            status: "ready" | "draining";
            /** @description The partner registry. */
            registry: {
                /** @description True when no PARTNERS_FILE is set and the fictitious sample registry serves: every real partner is refused. With `warning` in production. */
                sample: boolean;
                /** @description Set when the sample registry serves a production or unattended start (NODE_ENV=production, or no terminal). */
                warning?: string;
                /** @description Partners in the registry serving. */
                partners: number;
                /** @description Partner domains in the registry serving. */
                domains: number;
                /** @description When the registry serving was loaded (ISO 8601). */
                loadedAt: string;
                /** @description The last load or reload attempt; why it failed is in the log and at GET /registry. */
                lastLoad: {
                    /** @description When (ISO 8601). */
                    at: string;
                    /** @description What started it: start, file change, SIGHUP. */
                    trigger: string;
                    /** @description False when the file failed its checks; the previous registry still serves. */
                    ok: boolean;
                };
            };
        };
        /** @description One reason the address is refused. */
        Reason: {
            /** @description Why the address is refused; stable. */
            code: components["schemas"]["ReasonCode"];
            /** @description What is wrong and what to do, for the person at the form, in the negotiated language. */
            message: string;
            /** @description For INVALID_SYNTAX: the rule of form broken. */
            rule?: components["schemas"]["SyntaxRule"];
            /** @description The character at fault, where there is one. */
            character?: {
                /** @description 1-based position in the trimmed address, in UTF-16 code units. */
                position: number;
                /** @description The code point, as U+XXXX. */
                codePoint: string;
            };
            /** @description For DISPOSABLE and FREE_MAIL: the list and entry that matched. */
            source?: components["schemas"]["ListSource"];
        };
        /**
         * @description Why an address is refused. Stable; other software keys on it.
         *     - `INVALID_SYNTAX`: The address is not a well-formed email address that can be used for sign-up; `rule` says which rule it breaks.
         *     - `FULLWIDTH_CHARACTERS`: The address contains characters the person did not mean to type: full-width letters and symbols from a Japanese IME (＠, ｔａｒｏ, ．, 。), half-width katakana, or another character that Unicode compatibility normalization (NFKC) would change (①, ㈱, ﬁ, ², …). The message names what was found; `suggestion` holds the address those characters stand for when that one is well-formed.
         *     - `NON_ASCII_LOCAL_PART`: The part before the @ contains characters other than ASCII letters, digits and symbols, and the service is not configured to accept them (ALLOW_SMTPUTF8).
         *     - `DISPOSABLE`: The domain, or a parent of it, is a disposable (throwaway) mail service. `source` names the list and entry that matched.
         *     - `FREE_MAIL`: The domain, or a parent of it, is a free or consumer mail service (webmail, ISP, mobile carrier). `source` names the list and entry that matched.
         *     - `NOT_PARTNER`: The domain is not a registered partner domain, nor a subdomain of one.
         *     - `PARTNER_TYPE_MISMATCH`: The address is at a registered partner, but the partner type chosen is not one the company holds. The message names the types it holds; `partners[].partnerTypes` lists them.
         *     - `POSSIBLE_TYPO`: The domain is one or two edits away from a well-known mail domain or a registered partner domain, and is not itself known. `suggestion` holds the corrected address.
         *     - `CONFUSABLE_DOMAIN`: The domain renders like a partner or well-known domain but is not it (look-alike characters, a long-vowel mark or dash for a hyphen), or mixes scripts beyond the Highly Restrictive level of UTS #39.
         *     - `LEGACY_CARRIER_ADDRESS`: An old docomo or au address with consecutive dots or a dot before the @, as the carriers issued until 2009. It is real, but breaks RFC 5322: many systems cannot send to it.
         *     - `ROLE_ACCOUNT`: The local part names a function rather than a person; a reason only when the operator sets ROLE_ACCOUNTS=refuse (otherwise a warning).
         *     - `NO_MAIL_SERVER`: Deliverability check: the domain does not exist, publishes a null MX (RFC 7505), or has no MX and no A/AAAA record, so no mail can reach it.
         * @enum {string}
         */
        ReasonCode: "INVALID_SYNTAX" | "FULLWIDTH_CHARACTERS" | "NON_ASCII_LOCAL_PART" | "DISPOSABLE" | "FREE_MAIL" | "NOT_PARTNER" | "PARTNER_TYPE_MISMATCH" | "POSSIBLE_TYPO" | "CONFUSABLE_DOMAIN" | "LEGACY_CARRIER_ADDRESS" | "ROLE_ACCOUNT" | "NO_MAIL_SERVER";
        /** @description The partner registry serving, where it comes from, and the result of its last load. */
        RegistryStatus: {
            /** @description True when no PARTNERS_FILE is set and the fictitious sample registry serves: every real partner is refused. With `warning` in production. */
            sample: boolean;
            /** @description Set when the sample registry serves a production or unattended start (NODE_ENV=production, or no terminal). */
            warning?: string;
            /** @description Partners in the registry serving. */
            partners: number;
            /** @description Partner domains in the registry serving. */
            domains: number;
            /** @description When the registry serving was loaded (ISO 8601). */
            loadedAt: string;
            /** @description Where the registry is read from: PARTNERS_FILE, or PARTNERS_URL without its query. */
            source: string;
            /** @description The last load or reload attempt. */
            lastLoad: {
                /** @description When (ISO 8601). */
                at: string;
                /** @description What started it: start, file change, SIGHUP. */
                trigger: string;
                /** @description False when the file failed its checks; the previous registry still serves. */
                ok: boolean;
                /** @description Why it failed. */
                error?: string;
            };
            /** @description What loaded but is probably not what was meant (an empty registry, a domain twice, a domain with public suffixes beneath it). */
            warnings: string[];
        };
        /**
         * @description For INVALID_SYNTAX: the first rule of form the address breaks.
         * @enum {string}
         */
        SyntaxRule: "empty" | "too-long" | "invisible-character" | "whitespace" | "missing-at" | "multiple-at" | "empty-local-part" | "quoted-local-part" | "invalid-local-character" | "local-leading-dot" | "local-trailing-dot" | "local-consecutive-dots" | "local-too-long" | "empty-domain" | "ip-literal" | "invalid-domain-character" | "invalid-idn" | "idn-context" | "idn-bidi" | "domain-leading-dot" | "domain-trailing-dot" | "domain-consecutive-dots" | "domain-hyphen" | "domain-reserved-hyphens" | "domain-label-too-long" | "domain-too-long" | "domain-single-label" | "domain-invalid-tld" | "domain-special-use" | "address-too-long";
        ValidateEmailBatchRequest: {
            /** @description The addresses, up to 1000. Each gets the verdict POST /validate-email would give it. */
            emails: string[];
            /** @description The partner type the person chose, in any spelling /partner-types/lookup accepts. An empty string counts as not chosen; a name that matches no type is a 400. */
            partnerType?: string;
            /** @description Also look the domain up in DNS (MX, else A/AAAA) within DNS_TIMEOUT_MS. Default: the DELIVERABILITY_CHECK setting. */
            checkDeliverability?: boolean;
        };
        ValidateEmailBatchResult: {
            /** @description One verdict per address, in the order of the request. */
            results: components["schemas"]["Verdict"][];
        };
        ValidateEmailRequest: {
            /** @description The address as the person typed it. Any string gets a verdict. */
            email: string;
            /** @description The partner type the person chose, in any spelling /partner-types/lookup accepts. An empty string counts as not chosen; a name that matches no type is a 400. */
            partnerType?: string;
            /** @description Also look the domain up in DNS (MX, else A/AAAA) within DNS_TIMEOUT_MS. Default: the DELIVERABILITY_CHECK setting. */
            checkDeliverability?: boolean;
        };
        Verdict: {
            /** @description The address as received. */
            email: string;
            /** @description The address to store: trimmed, Unicode domain, lower-case domain, NFC. Null when the address is not well-formed. */
            normalized: string | null;
            /** @description The all-ASCII form (punycode domain), or null when the local part is not ASCII or the address is not well-formed. */
            ascii: string | null;
            /** @description The normalized domain (Unicode), or null. */
            domain: string | null;
            /** @description True when the address, exactly as typed less surrounding spaces, is well-formed. */
            syntaxValid: boolean;
            /** @description True exactly when `reasons` is empty. */
            accepted: boolean;
            /** @description Why the address is refused, most important first. */
            reasons: components["schemas"]["Reason"][];
            /** @description Worth telling the person, but not a reason to refuse. */
            warnings: components["schemas"]["Warning"][];
            /** @description Registered partners whose domain matches, most specific first. */
            partners: components["schemas"]["PartnerMatch"][];
            /** @description An address the person probably meant (e.g. the half-width form of a full-width one), or null. */
            suggestion: string | null;
            /** @description The partner type chosen in the request, resolved; null when none was chosen. */
            partnerType: components["schemas"]["PartnerType"] | null;
            /** @description The DNS check, when it was asked for and the address got that far; null otherwise. */
            deliverability: components["schemas"]["Deliverability"] | null;
            /** @description True when surrounding spaces were removed. */
            trimmed: boolean;
            lang: components["schemas"]["Lang"];
        };
        /** @description Something worth telling the person that does not refuse the address. */
        Warning: {
            /** @description What the warning is about; stable. */
            code: components["schemas"]["WarningCode"];
            /** @description For the person at the form, in the negotiated language. */
            message: string;
        };
        /**
         * @description Something worth telling the person that does not refuse the address.
         *     - `WHITESPACE_TRIMMED`: Spaces (ASCII or the ideographic space U+3000) before or after the address were removed; `normalized` is the address without them.
         *     - `ROLE_ACCOUNT`: The local part names a function (info, sales, support, eigyo, soumu …) rather than a person. A warning unless ROLE_ACCOUNTS=refuse makes it a reason.
         *     - `DELIVERABILITY_UNKNOWN`: The deliverability check could not finish (a DNS timeout or failure within the time budget); the address was not refused for it.
         * @enum {string}
         */
        WarningCode: "WHITESPACE_TRIMMED" | "ROLE_ACCOUNT" | "DELIVERABILITY_UNKNOWN";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready: a registry is loaded and the instance is not draining. Check registry.sample and registry.warning after a deploy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Draining: shutting down; send traffic elsewhere. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    registryStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registry serving, where it is read from, and its last load. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistryStatus"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description PROTECT_DOCS_AND_METRICS is set and the request has no valid API key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    validateEmail: {
        parameters: {
            query?: never;
            header?: {
                /** @description ja or en (default en) picks the language of the messages. */
                "accept-language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValidateEmailRequest"];
            };
        };
        responses: {
            /** @description The verdict, for every well-formed request whatever the address (accepted or not). 判定結果（アドレスの可否にかかわらず 200）。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verdict"];
                };
            };
            /** @description Malformed request: not JSON, no body, email missing or not a string (INVALID_JSON, EMPTY_BODY, VALIDATION_FAILED), or a partnerType that matches no type (UNKNOWN_PARTNER_TYPE, with validTypes). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than BODY_LIMIT (default 16 KiB) (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    validateEmailBatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description ja or en (default en) picks the language of the messages. */
                "accept-language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValidateEmailBatchRequest"];
            };
        };
        responses: {
            /** @description One verdict per address, in the order sent. 送信順の判定結果。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidateEmailBatchResult"];
                };
            };
            /** @description Malformed request: not JSON, emails missing, empty, over 1000 or not strings (INVALID_JSON, EMPTY_BODY, VALIDATION_FAILED), or an unknown partnerType (UNKNOWN_PARTNER_TYPE). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is larger than the batch’s own limit: 512 KiB, or BODY_LIMIT when that is larger (PAYLOAD_TOO_LARGE). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    validateEmailStream: {
        parameters: {
            query?: never;
            header?: {
                /** @description ja or en (default en) picks the language of the messages. */
                "accept-language"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-ndjson": components["schemas"]["ValidateEmailRequest"];
                "application/jsonl": components["schemas"]["ValidateEmailRequest"];
                "application/x-jsonlines": components["schemas"]["ValidateEmailRequest"];
            };
        };
        responses: {
            /** @description One NDJSON line per line sent, in order: a verdict, or a problem naming the line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["Verdict"] | components["schemas"]["Problem"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is not sent as application/x-ndjson (UNSUPPORTED_MEDIA_TYPE). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    describeDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A domain, in Unicode or punycode (例え.jp, xn--r8jz45g.jp). */
                domain: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How the service classifies the domain. ドメインの分類とその根拠。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DomainReport"];
                };
            };
            /** @description domain is missing or too long (VALIDATION_FAILED). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPartnerTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The seven partner types. 7つのパートナータイプ。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerTypeList"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookupPartnerType: {
        parameters: {
            query: {
                /** @description A partner type name in any reasonable spelling, English or Japanese. */
                name: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The partner type the name resolves to, and how it matched. 名前に該当するパートナータイプ。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerTypeLookup"];
                };
            };
            /** @description name is missing, empty or longer than 200 characters (VALIDATION_FAILED). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No partner type has that name, or the name is ambiguous (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPartnerType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A partner type id, e.g. system-integrator.
                 * @example system-integrator
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The partner type. パートナータイプ。 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerType"];
                };
            };
            /** @description API_KEYS is configured and the request has no valid key (UNAUTHORIZED). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No partner type has that id (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The client (its API key, else its address) exceeded RATE_LIMIT_PER_MINUTE (RATE_LIMITED); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected failure (INTERNAL_ERROR). The body carries no internal detail; report its requestId. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
