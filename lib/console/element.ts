type Tag = keyof HTMLElementTagNameMap;

/** Creates an element with properties and children: the console's one DOM-building helper. */
export function element<K extends Tag>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}
