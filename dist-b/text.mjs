// Character classes for text typed into a sign-up form. Kept free of any framework so the
// checking core can be benchmarked and fuzzed on its own.
/**
 * Code points a person cannot see, or that change how text renders without being text.
 * URL's domainToASCII silently drops some of them (U+200B, U+00AD), which would let
 * "gm\u200Bail.com" slip past the free-mail list: we find and report them instead.
 * U+2800 (braille blank) is not Default_Ignorable but renders as nothing all the same.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;
const WHITESPACE = /\p{White_Space}/u;
export function describeCodePoint(s, index) {
    const cp = s.codePointAt(index);
    return {
        index,
        codePoint: 'U+' + cp.toString(16).toUpperCase().padStart(4, '0'),
        char: String.fromCodePoint(cp),
    };
}
/** True when every code unit is printable ASCII (U+0021 to U+007E): the common, fast case. */
export function isPrintableAscii(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}
export function isAscii(s) {
    for (let i = 0; i < s.length; i++) {
        if (s.charCodeAt(i) > 0x7f)
            return false;
    }
    return true;
}
export function findInvisible(s) {
    const m = INVISIBLE.exec(s);
    return m ? describeCodePoint(s, m.index) : null;
}
export function findWhitespace(s) {
    const m = WHITESPACE.exec(s);
    return m ? describeCodePoint(s, m.index) : null;
}
function isTrimmable(c) {
    // ASCII white space and the ideographic space that a Japanese IME types for the space bar.
    return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3000;
}
export function trimFormInput(s) {
    let start = 0;
    let end = s.length;
    while (start < end && isTrimmable(s.charCodeAt(start)))
        start++;
    while (end > start && isTrimmable(s.charCodeAt(end - 1)))
        end--;
    return start === 0 && end === s.length ? s : s.slice(start, end);
}
/**
 * Full-width forms an IME produces when its input mode is left on 全角: ＠, ｔａｒｏ, ．,
 * and the ideographic full stops 。 and ｡ that people type for a dot.
 */
function isFullwidth(c) {
    return (c >= 0xff01 && c <= 0xff5e) || c === 0x3002 || c === 0xff61;
}
export function hasFullwidth(s) {
    for (let i = 0; i < s.length; i++) {
        if (isFullwidth(s.charCodeAt(i)))
            return true;
    }
    return false;
}
/** The half-width address a person meant: full-width ASCII shifted down, ideographic stops to ".". */
export function toHalfwidth(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xff01 && c <= 0xff5e)
            out += String.fromCharCode(c - 0xfee0);
        else if (c === 0x3002 || c === 0xff61)
            out += '.';
        else if (c === 0x3000)
            out += ' ';
        else
            out += s[i];
    }
    return out;
}
const encoder = new TextEncoder();
export function utf8Length(s) {
    return isAscii(s) ? s.length : encoder.encode(s).length;
}
//# sourceMappingURL=text.js.map