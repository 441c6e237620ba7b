// The page's operations: the files of operations/, each registered in gateway/trusted-documents.json by its text.
import { operations } from '/pages/operations.js';

export { newKey } from '/pages/operations.js';

/** What the page asks for: the month's round of visits (入户走访, the phone's month), stated with every request. */
const purpose = () => {
  const now = new Date();
  return `入户走访 ${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** `ask(name, variables)`: the answer as it came, a refusal's too; `data`: its data, or an error with its messages. */
export const { ask, data } = operations(new URL('operations/', import.meta.url), purpose);
