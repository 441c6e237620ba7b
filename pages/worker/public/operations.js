// The page's operations: the files of operations/, each registered in gateway/trusted-documents.json by its text.
import { graphqlAnswer } from '/pages/graphql.js';

const texts = new Map();

/** What the page asks for: the month's round of visits (入户走访, the phone's month), stated with every request. */
const purpose = () => {
  const now = new Date();
  return `入户走访 ${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

/** Asks the named operation (operations/<name>.graphql): the answer as it came, a refusal's too; throws when none came. */
export async function ask(name, variables = {}) {
  if (!texts.has(name))
    texts.set(
      name,
      fetch(new URL(`operations/${name}.graphql`, import.meta.url)).then((r) =>
        r.ok ? r.text() : Promise.reject(new Error(`操作 ${name} 无法加载 (HTTP ${r.status})`)),
      ),
    );
  try {
    return await graphqlAnswer(await texts.get(name), variables, { purpose: purpose() });
  } catch (error) {
    texts.delete(name);
    throw error;
  }
}

/** The answer's data, or an error with the answer's messages. */
export async function data(name, variables) {
  const answer = await ask(name, variables);
  if (answer.errors?.length || !answer.data) throw new Error(answer.errors.map((e) => e.message).join('; '));
  return answer.data;
}

/** A new random idempotency key (a UUID v4); crypto.randomUUID needs https, an intranet page may have plain http. */
export function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
