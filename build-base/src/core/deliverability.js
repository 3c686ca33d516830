import { reasonMessage, warningMessage } from './messages.js';
export function withDeliverability(verdict, result, lang) {
    // Only verdicts with a domain are checked.
    const domain = verdict.domain;
    if (result.status === 'no-mail-server') {
        const reasons = [...verdict.reasons, { code: 'NO_MAIL_SERVER', message: reasonMessage('NO_MAIL_SERVER', lang, { domain }) }];
        return { ...verdict, reasons, accepted: false, deliverability: result };
    }
    if (result.status === 'unknown') {
        // Never passes silently, never refuses: the person may go on, and the portal knows.
        const warnings = [...verdict.warnings, { code: 'DELIVERABILITY_UNKNOWN', message: warningMessage('DELIVERABILITY_UNKNOWN', lang, { domain }) }];
        return { ...verdict, warnings, deliverability: result };
    }
    return { ...verdict, deliverability: result };
}
//# sourceMappingURL=deliverability.js.map