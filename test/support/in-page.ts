// The little of the DOM that the functions tests hand to page.evaluate() use. Those functions run in
// the page, but they are type-checked with the Node program, which must not load the DOM library
// (its fetch and stream types clash with Node's); so they read the page through these types:
//   page.evaluate(() => { const { document } = globalThis as unknown as InPage; ... })
// Only the types are imported: a page function cannot close over anything from Node.

export type InPageElement = Readonly<{
  id: string;
  tagName: string;
  className: string;
  textContent: string | null;
  getBoundingClientRect: () => Readonly<{ width: number; right: number }>;
}>;

export type InPage = Readonly<{
  document: Readonly<{
    activeElement: InPageElement | null;
    documentElement: Readonly<{ clientWidth: number; scrollWidth: number }>;
    body: InPageElement & Readonly<{ querySelectorAll: (selector: string) => ArrayLike<InPageElement> }>;
  }>;
  getComputedStyle: (element: unknown) => Readonly<{ display: string }>;
}>;
