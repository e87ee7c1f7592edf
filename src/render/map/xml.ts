// XML escaping for the SVG: every piece of manifest text passes through here before it reaches the markup.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Characters XML 1.0 forbids even escaped (C0 controls other than tab, newline, carriage return; lone surrogates; U+FFFE/F). */
const INVALID =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe in element content and in quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(INVALID, '\uFFFD').replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

export type AttributeValue = string | number | undefined;

/** ` name="value"` pairs, escaped, skipping undefined values. */
export function attributes(attrs: Readonly<Record<string, AttributeValue>>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** An element with escaped attributes; `children` is markup already built (escape text with `escapeXml`). */
export function element(name: string, attrs: Readonly<Record<string, AttributeValue>>, children?: string): string {
  return children === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${children}</${name}>`;
}
