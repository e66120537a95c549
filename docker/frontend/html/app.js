// The items page: list (paged), create and delete through the api behind /api/. No framework, no build step.
'use strict';

const pageSize = 20;
let nextOffset = 0;

const $ = (id) => document.getElementById(id);

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((json && json.error) || `${method} ${path}: HTTP ${response.status}`);
  return json;
}

function row(item) {
  const tr = document.createElement('tr');
  tr.dataset.id = item.id;
  for (const value of [item.id, item.name, item.description, item.status]) {
    const td = document.createElement('td');
    td.textContent = value; // text, never HTML: names come from users
    tr.appendChild(td);
  }
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Delete';
  remove.className = 'delete';
  remove.addEventListener('click', () => removeItem(item.id, tr));
  const td = document.createElement('td');
  td.appendChild(remove);
  tr.appendChild(td);
  return tr;
}

async function load(reset) {
  if (reset) {
    nextOffset = 0;
    $('items').replaceChildren();
  }
  try {
    const page = await call('GET', `/api/v1/items?limit=${pageSize}&offset=${nextOffset}`);
    for (const item of page.items) $('items').appendChild(row(item));
    nextOffset = page.next_offset;
    $('more').hidden = nextOffset === null;
    if (reset) say(page.items.length ? '' : 'No items yet.');
  } catch (error) {
    say(`Could not load items: ${error.message}`, true);
  }
}

async function create(event) {
  event.preventDefault();
  const body = { name: $('name').value };
  if ($('description').value) body.description = $('description').value;
  try {
    const item = await call('POST', '/api/v1/items', body);
    $('create-form').reset();
    say(`Created item ${item.id}.`);
    await load(true);
  } catch (error) {
    say(`Could not create the item: ${error.message}`, true);
  }
}

async function removeItem(id, tr) {
  try {
    await call('DELETE', `/api/v1/items/${id}`);
    tr.remove();
    say(`Deleted item ${id}.`);
  } catch (error) {
    say(`Could not delete item ${id}: ${error.message}`, true);
  }
}

$('create-form').addEventListener('submit', create);
$('more').addEventListener('click', () => load(false));
load(true);
