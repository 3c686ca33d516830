import { loadConfig } from '../src/config.js';
export function productionCheckOptions() {
    const config = loadConfig({});
    return { allowSmtputf8: config.allowSmtputf8, roleAccounts: config.roleAccounts };
}
//# sourceMappingURL=context.js.map