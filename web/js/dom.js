// A small element builder: every text goes through textContent, so nothing from the services is parsed as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function loading(label = "Loading…") {
  return h("p", { class: "loading", "aria-busy": "true" }, label);
}

export function errorPanel(error, retry) {
  return h(
    "div",
    { class: "panel error", role: "alert" },
    h("p", {}, error.detail || error.message || String(error)),
    retry && h("button", { type: "button", class: "button", onclick: retry }, "Try again"),
  );
}

export function empty(text, ...extra) {
  return h("div", { class: "panel empty" }, h("p", {}, text), ...extra);
}

export function toast(message, kind = "info") {
  const region = document.querySelector(".toasts");
  const item = h("div", { class: `toast ${kind}` }, message);
  region.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}

// Moves focus to the page's heading after navigation, so keyboard and screen-reader users land on the new content.
export function focusHeading(root) {
  const heading = root.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }
}

// The load-and-draw step every list page has: `fetch(signal)` then `draw(answer)`; a failure shows the service's
// detail with a retry button; a load cut short because the page was left draws nothing. Returns the loader (to reload).
export function loader(container, signal, fetch, draw) {
  const load = async () => {
    try {
      draw(await fetch(signal));
    } catch (error) {
      if (error.name !== "AbortError") replace(container, errorPanel(error, load));
    }
  };
  return load;
}
