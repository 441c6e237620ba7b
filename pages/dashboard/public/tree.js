// The region tree: the caller's scope regions at the top, children loaded when a node is opened.
import { graphql } from '/pages/graphql.js';
import { LEVELS, shortName } from './figures.js';

const NODE = 'id name level';

/** The regions of the caller's token (the gateway allows up to 30 aliases in one request). */
export async function scopeRegions(ids) {
  const some = ids.slice(0, 30);
  const query = `query ScopeRegions(${some.map((_, i) => `$r${i}: ID!`).join(', ')}) { ${some.map((_, i) => `r${i}: region(id: $r${i}) { ${NODE} }`).join(' ')} }`;
  const { data } = await graphql(query, Object.fromEntries(some.map((id, i) => [`r${i}`, id])));
  return Object.values(data ?? {}).filter(Boolean);
}

export function renderTree(list, regions, onSelect) {
  list.replaceChildren(...regions.map((region) => node(region, onSelect)));
}

function node(region, onSelect, parentName) {
  const li = document.createElement('li');
  li.dataset.regionId = region.id;
  li.dataset.name = region.name;
  const row = document.createElement('div');
  const toggle = document.createElement('button');
  toggle.className = 'toggle';
  toggle.type = 'button';
  toggle.textContent = region.level === 'MICRO_GRID' ? '·' : '▸';
  toggle.title = 'Open / close';
  const name = document.createElement('span');
  name.textContent = shortName(region.name, parentName);
  name.title = region.name;
  const level = document.createElement('span');
  level.className = 'level';
  level.textContent = LEVELS[region.level][0];
  level.title = LEVELS[region.level][1];
  row.append(toggle, name, level);
  const children = document.createElement('ul');
  children.hidden = true;
  li.append(row, children);
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    open(li, onSelect, children.hidden);
  });
  row.addEventListener('click', () => onSelect(region.id));
  return li;
}

/** Opens (or closes) a node, loading its children the first time. */
export async function open(li, onSelect, show = true) {
  const children = li.querySelector(':scope > ul');
  const toggle = li.querySelector(':scope > div > .toggle');
  if (show && !li.dataset.loaded && toggle.textContent !== '·') {
    li.dataset.loaded = '1';
    const { data } = await graphql(`query RegionChildren($id: ID!) { region(id: $id) { children { ${NODE} } } }`, {
      id: li.dataset.regionId,
    });
    children.replaceChildren(...(data?.region?.children ?? []).map((r) => node(r, onSelect, li.dataset.name)));
  }
  children.hidden = !show;
  if (toggle.textContent !== '·') toggle.textContent = show ? '▾' : '▸';
}

/** Marks the selected region and opens the path down to it (regions already in the tree). */
export async function select(list, path, onSelect) {
  for (const id of path.slice(0, -1)) {
    const li = list.querySelector(`li[data-region-id="${id}"]`);
    if (li) await open(li, onSelect, true);
  }
  for (const row of list.querySelectorAll('div.selected')) row.classList.remove('selected');
  list.querySelector(`li[data-region-id="${path.at(-1)}"] > div`)?.classList.add('selected');
}
