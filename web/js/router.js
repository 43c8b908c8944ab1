// Hash routes (#/movies/ID): the gateway serves one static page, and a reload lands on the same view.

const routes = [];
let cleanup = null;
let notFound = null;

export function route(pattern, page, { public: isPublic = false } = {}) {
  const names = [];
  const source = pattern.replace(/:([a-z_]+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, page, isPublic });
}

export function fallback(page) {
  notFound = page;
}

export function currentPath() {
  return location.hash.replace(/^#/, "") || "/";
}

export function navigate(path, { replace = false } = {}) {
  const target = `#${path}`;
  if (location.hash === target) {
    render();
  } else if (replace) {
    history.replaceState(null, "", target);
    render();
  } else {
    location.hash = target;
  }
}

export function match(path) {
  const [pathname, search = ""] = path.split("?");
  for (const candidate of routes) {
    const found = candidate.regex.exec(pathname);
    if (found) {
      const params = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { route: candidate, params, query: new URLSearchParams(search) };
    }
  }
  return null;
}

let guard = () => null;
export function setGuard(check) {
  guard = check;
}

export async function render() {
  if (cleanup) {
    try {
      cleanup();
    } catch (error) {
      console.warn("cleanup failed", error);
    }
    cleanup = null;
  }
  const path = currentPath();
  const found = match(path);
  const redirect = guard(found, path);
  if (redirect) {
    navigate(redirect, { replace: true });
    return;
  }
  const root = document.getElementById("main");
  const page = found ? found.route.page : notFound;
  window.dispatchEvent(new CustomEvent("routechange", { detail: { path } }));
  const result = page(root, found ? found.params : {}, found ? found.query : new URLSearchParams());
  cleanup = typeof result === "function" ? result : null;
}

export function start() {
  window.addEventListener("hashchange", render);
  render();
}
