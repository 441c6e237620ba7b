// A page's operations: files of its operations/ folder, each registered in gateway/trusted-documents.json by its text.
import { graphqlAnswer } from './graphql.js';

/**
 * The asker of a page's operations (`<folder>/<name>.graphql`, folder a URL), each stated with `purpose()` when given:
 * `ask` gives the answer as it came (a refusal's and a partial answer's too) and throws only when none came; `data`
 * gives the answer's data, or throws with its messages.
 */
export function operations(folder, purpose = () => undefined) {
  const texts = new Map();
  async function ask(name, variables = {}) {
    if (!texts.has(name))
      texts.set(
        name,
        fetch(new URL(`${name}.graphql`, folder)).then((r) =>
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
  async function data(name, variables) {
    const answer = await ask(name, variables);
    if (answer.errors?.length || !answer.data) throw new Error(answer.errors.map((e) => e.message).join('; '));
    return answer.data;
  }
  return { ask, data };
}

/** A new random idempotency key (a UUID v4); crypto.randomUUID needs https, an intranet page may have plain http. */
export function newKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
