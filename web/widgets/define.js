/** Registers `cls` as posenc-<name> unless that name is taken (a page may load the bundle twice). */
export function define(name, cls) {
  const tag = `posenc-${name}`;
  if (!customElements.get(tag)) customElements.define(tag, cls);
}
