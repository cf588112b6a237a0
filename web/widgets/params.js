// Widget parameters: how an attribute's text becomes a value, and the message
// when it cannot. A parameter spec is one of
//   {type: 'int',    min, max, default, label, step?}
//   {type: 'number', min, max, default, label, step?}
//   {type: 'enum',   options: [...], default, label}
//   {type: 'bool',   default, label}
// plus `control: false` for a parameter without a generated control.
// Nothing is clamped: a value out of range is an error that names the attribute,
// the value and what is allowed, in the CLI's words ("got ...; allowed: ...").

/** max-length -> maxLength (the JS API's option name for an attribute). */
export const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** What a spec allows, in words: "integer in [1, 512]", "one of interleaved, concat", "true or false". */
export function allowed(spec) {
  switch (spec.type) {
    case 'int': return `integer in [${spec.min}, ${spec.max}]`;
    case 'number': return `number in [${spec.min}, ${spec.max}]`;
    case 'enum': return `one of ${spec.options.join(', ')}`;
    case 'bool': return 'true or false';
    default: throw new Error(`unknown parameter type ${spec.type}`);
  }
}

/**
 * Parses an attribute's text (null: absent, the default) against its spec.
 * Returns {value} or {error: 'name: got "text"; allowed: ...'}.
 */
export function parse(name, spec, text) {
  if (text === null || text === undefined) return { value: spec.default };
  const s = String(text).trim();
  const bad = () => ({ error: `${name}: got "${text}"; allowed: ${allowed(spec)}` });
  switch (spec.type) {
    case 'int': {
      if (!/^[+-]?\d+$/.test(s)) return bad();
      const v = Number(s);
      return v >= spec.min && v <= spec.max ? { value: v } : bad();
    }
    case 'number': {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return bad();
      const v = Number(s);
      return Number.isFinite(v) && v >= spec.min && v <= spec.max ? { value: v } : bad();
    }
    case 'enum': return spec.options.includes(s) ? { value: s } : bad();
    case 'bool':
      // An HTML boolean attribute: present and empty means true.
      if (s === '' || s === 'true') return { value: true };
      if (s === 'false') return { value: false };
      return bad();
    default: throw new Error(`unknown parameter type ${spec.type}`);
  }
}

/** A value as attribute text (the inverse of parse for valid values). */
export const format = (spec, value) => (spec.type === 'bool' ? (value ? 'true' : 'false') : String(value));

/** The default state of a params table: {camelName: default}. */
export function defaults(params) {
  const state = {};
  for (const [name, spec] of Object.entries(params)) state[camel(name)] = spec.default;
  return state;
}
