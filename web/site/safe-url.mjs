// Which URLs a notebook may put on a page. A markdown link may point at an
// http(s) address, a path relative to the page, or a #fragment; an image may
// also be inline data (PNG, JPEG, GIF or WebP, base64) or one of the cell's own
// Jupyter attachments (`attachment:name`, resolved to inline data by the
// renderer). Everything else (javascript:, vbscript:, data:text/html, file:,
// mailto:, protocol-relative //host ...) is refused, and markdown-it then shows
// the link's source as text.
//
// The rules follow how a browser reads a URL (WHATWG URL standard, "basic URL
// parser"): it drops tabs and newlines anywhere and spaces and control
// characters at both ends before it looks for a scheme, so the checks do too.

// A scheme (RFC 3986 section 3.1) at the start: a letter, then letters, digits, + . -
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** The image types that may be shown from inline data, as `data:<type>;base64,...`. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const IMAGE_DATA = /^data:(image\/(?:png|jpeg|gif|webp));base64,(.*)$/is;

/**
 * True when `text` is strict base64 (RFC 4648 section 4, the standard alphabet):
 * groups of four characters of A-Z a-z 0-9 + /, the last group padded with = ;
 * whitespace (the line breaks Jupyter writes) is ignored. Nothing else passes, so
 * the value can stand inside a quoted attribute as it is.
 */
export function isBase64(text) {
  if (typeof text !== 'string') return false;
  const s = text.replace(/[ \t\r\n]+/g, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

// The URL as the browser's parser would see it (tabs/newlines removed, ends trimmed).
const asBrowserReads = (url) => url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');

/**
 * True when `url` may be a link's href: http: or https:, a #fragment, or a
 * relative path. A relative path may not start with two slashes (or backslashes:
 * browsers read `\` as `/`), which would name another host, and its first
 * segment may not hold a colon (RFC 3986 section 4.2: such a reference is not
 * relative).
 */
export function isSafeLink(url) {
  if (typeof url !== 'string') return false;
  const u = asBrowserReads(url);
  const scheme = SCHEME.exec(u);
  if (scheme) return /^https?$/i.test(scheme[1]);
  if (/^[/\\]{2}/.test(u)) return false;
  return !/^[^/?#]*:/.test(u);
}

/**
 * True when `url` may be an image's src: whatever isSafeLink accepts, inline
 * data of one of IMAGE_TYPES in strict base64, or `attachment:<name>` (a Jupyter
 * cell attachment, replaced by inline data before the page is written).
 */
export function isSafeImage(url) {
  if (typeof url !== 'string') return false;
  const u = asBrowserReads(url);
  const data = IMAGE_DATA.exec(u);
  if (data) return isBase64(data[2]);
  if (/^attachment:[^/\\]+$/i.test(u)) return true;
  return isSafeLink(u);
}
