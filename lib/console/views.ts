/** The elements of `public/index.html` each part of the console drives: the one place tying ids to code. */
export interface ConsoleViews {
  status: { connection: HTMLElement; reconnect: HTMLButtonElement; throttling: HTMLElement };
  signIn: { section: HTMLElement; reason: HTMLElement; form: HTMLFormElement; apiKey: HTMLInputElement; error: HTMLElement };
  keys: {
    section: HTMLElement;
    form: HTMLFormElement;
    prefix: HTMLInputElement;
    pageSize: HTMLSelectElement;
    newKey: HTMLButtonElement;
    info: HTMLElement;
    body: HTMLTableSectionElement;
    previous: HTMLButtonElement;
    next: HTMLButtonElement;
  };
  editor: {
    section: HTMLElement;
    title: HTMLElement;
    form: HTMLFormElement;
    key: HTMLInputElement;
    value: HTMLTextAreaElement;
    notice: HTMLElement;
    incrementBy: HTMLInputElement;
    increment: HTMLButtonElement;
    delete: HTMLButtonElement;
    confirmDelete: HTMLButtonElement;
    close: HTMLButtonElement;
    status: HTMLElement;
  };
  feed: { section: HTMLElement; list: HTMLOListElement };
}

/** Finds every element the console needs, or says which one the page lacks. */
export function findViews(root: Document): ConsoleViews {
  const byId = <T extends HTMLElement>(id: string): T => {
    const found = root.getElementById(id);
    if (found === null) throw new Error(`The console page has no #${id}: index.html and console.js are from different builds`);
    return found as T;
  };
  return {
    status: { connection: byId('connection'), reconnect: byId('reconnect'), throttling: byId('throttling') },
    signIn: { section: byId('sign-in'), reason: byId('sign-in-reason'), form: byId('sign-in-form'), apiKey: byId('api-key'), error: byId('sign-in-error') },
    keys: {
      section: byId('keys'),
      form: byId('browse'),
      prefix: byId('prefix'),
      pageSize: byId('page-size'),
      newKey: byId('new-key'),
      info: byId('page-info'),
      body: byId<HTMLTableElement>('key-table').tBodies[0],
      previous: byId('previous-page'),
      next: byId('next-page'),
    },
    editor: {
      section: byId('editor'),
      title: byId('editor-title'),
      form: byId('editor-form'),
      key: byId('editor-key'),
      value: byId('editor-value'),
      notice: byId('editor-notice'),
      incrementBy: byId('increment-by'),
      increment: byId('increment'),
      delete: byId('delete'),
      confirmDelete: byId('confirm-delete'),
      close: byId('close-editor'),
      status: byId('editor-status'),
    },
    feed: { section: byId('feed-panel'), list: byId('feed') },
  };
}
